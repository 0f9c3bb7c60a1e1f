using System.Net;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Staff;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Security;

/// <summary>docs/security.md, "Tenancy": adding staff says nothing about another clinic's accounts.</summary>
public sealed class StaffEmailTests : IDisposable
{
    private readonly AppFactory _app = new();

    private static Dictionary<string, string?> NewMember(string email) => new()
    {
        ["Input.FullName"] = "Tess Newhire",
        ["Input.Email"] = email,
        ["Input.Role"] = StaffRoles.Technician,
    };

    [Fact]
    public async Task AnotherClinicsAddress_GetsTheSameAnswerAsOneOfYourOwn_AndNothingAboutThatAccount()
    {
        var clinic = await _app.SeedClinicAsync("Clinic A");
        var other = await _app.SeedClinicAsync("Clinic B");
        using var owner = await _app.SignedInAs(clinic.Owner);

        var theirs = await owner.SubmitAsync("/staff/new", "staff", NewMember(other.Reception.Email));
        var ours = await owner.SubmitAsync("/staff/new", "staff", NewMember(clinic.Reception.Email));

        Assert.Equal(HttpStatusCode.OK, theirs.Status);
        Assert.Equal(ours.ValidationMessages, theirs.ValidationMessages);
        Assert.Equal([StaffInvitations.AddressUnavailable], theirs.ValidationMessages);
        Assert.DoesNotContain("already", theirs.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("taken", theirs.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.Name, theirs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(other.Reception.FullName, theirs.Text, StringComparison.Ordinal);
    }

    public void Dispose() => _app.Dispose();
}
