using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Domain.Tests.Clinics;

/// <summary>Names and addresses that end up in message headers are refused by the factories themselves, not only by forms.</summary>
public class HeaderFieldTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private static ClinicDetails ClinicWith(string name = "Northside SMP", string? email = "hello@example.com") =>
        new(name, "Europe/London", "en-GB", "+44 20 7946 0000", email, "1 High Street\nLondon");

    private static ClientDetails ClientWith(string name = "Sam Client", string? email = "sam@example.com") =>
        new(name, email, null, ContactChannel.None, email is not null, false, null, null, false, null, null);

    [Theory]
    [InlineData("Northside\r\nBcc: all@example.com")]
    [InlineData("Northside\nSMP")]
    [InlineData("Northside\tSMP")]
    [InlineData("Northside\u0085SMP")]
    [InlineData("Northside\u2028SMP")]
    public void Clinic_NameWithAControlCharacter_Refused(string name)
    {
        var error = Assert.Throws<DomainException>(() => Clinic.Create(ClinicWith(name: name), Now));
        Assert.Contains("clinic's name must be one line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Clinic_EmailWithALineBreak_Refused_OnCreateAndUpdate()
    {
        Assert.Throws<DomainException>(() => Clinic.Create(ClinicWith(email: "a@example.com\r\nBcc: b@example.com"), Now));
        var clinic = Clinic.Create(ClinicWith(), Now);
        Assert.Throws<DomainException>(() => clinic.Update(ClinicWith(email: "a@example.com\nX: y")));
        Assert.Equal("hello@example.com", clinic.ContactEmail);
    }

    [Fact]
    public void Clinic_AddressOnSeveralLines_IsFine() =>
        Assert.Equal("1 High Street\nLondon", Clinic.Create(ClinicWith(), Now).Address);

    [Theory]
    [InlineData("Sam\nClient", "sam@example.com", "client's name")]
    [InlineData("Sam Client", "sam@example.com\r\nBcc: x@example.com", "client's email address")]
    public void Client_HeaderFieldWithALineBreak_Refused(string name, string email, string field)
    {
        var error = Assert.Throws<DomainException>(() => Client.Create(Guid.NewGuid(), ClientWith(name, email), "GB", Now));
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }
}
