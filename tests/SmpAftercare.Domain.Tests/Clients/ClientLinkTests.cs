using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;
using static SmpAftercare.Domain.Tests.TimelineBuilder;

namespace SmpAftercare.Domain.Tests.Clients;

public class ClientLinkTests
{
    private static readonly ClinicTimeZone London = ClinicTimeZone.FromIanaId("Europe/London");
    private static readonly DateTime Made = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Stands in for Data Protection's output (the domain only keeps it; the web app encrypts).</summary>
    private const string Sealed = "CfDJ8-sealed-token";

    private static ClientLink NewLink(DateTime? made = null) =>
        ClientLink.Create(ClientLinkToken.Hash(ClientLinkToken.New()), Sealed, Guid.NewGuid(), Guid.NewGuid(), "Tech", made ?? Made);

    [Fact]
    public void Token_New_IsBase64UrlOf32RandomBytes()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => ClientLinkToken.New()).ToList();

        Assert.All(tokens, t => Assert.True(ClientLinkToken.IsWellFormed(t), t));
        Assert.All(tokens, t => Assert.Equal(32, Convert.FromBase64String(t.Replace('-', '+').Replace('_', '/') + "=").Length));
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        // Every base64url character turns up across 43,000 random ones; a weak generator would skew this.
        Assert.Equal(64, tokens.SelectMany(t => t).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Token_Malformed_IsNotWellFormed(string? token) => Assert.False(ClientLinkToken.IsWellFormed(token));

    [Fact]
    public void Hash_IsSha256HexAndDiffersFromTheToken()
    {
        var token = ClientLinkToken.New();

        var hash = ClientLinkToken.Hash(token);

        Assert.True(ClientLinkToken.IsHash(hash));
        Assert.Equal(hash, ClientLinkToken.Hash(token));
        Assert.NotEqual(hash, ClientLinkToken.Hash(ClientLinkToken.New()));
        Assert.DoesNotContain(token, hash, StringComparison.Ordinal);
        // Known vector: SHA-256("abc").
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ClientLinkToken.Hash("abc"));
    }

    [Fact]
    public void Create_WithTheRawTokenInsteadOfItsHash_IsRefused()
    {
        var token = ClientLinkToken.New();

        var e = Assert.Throws<DomainException>(() => ClientLink.Create(token, Sealed, Guid.NewGuid(), Guid.NewGuid(), "Tech", Made));
        Assert.Contains("hash", e.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => ClientLink.Create(ClientLinkToken.Hash(token).ToUpperInvariant(), Sealed, Guid.NewGuid(), Guid.NewGuid(), "Tech", Made));
        Assert.Throws<DomainException>(() => ClientLink.Create(ClientLinkToken.Hash(token), Sealed, Guid.Empty, Guid.NewGuid(), "Tech", Made));
        Assert.Throws<DomainException>(() => ClientLink.Create(ClientLinkToken.Hash(token), Sealed, Guid.NewGuid(), Guid.NewGuid(), " ", Made));
        Assert.Throws<DomainException>(() => ClientLink.Create(ClientLinkToken.Hash(token), Sealed, Guid.NewGuid(), Guid.NewGuid(), "Tech", DateTime.SpecifyKind(Made, DateTimeKind.Local)));
    }

    [Fact]
    public void Create_KeepsOnlyTheEncryptedToken_AndRefusesThePlainOne()
    {
        var token = ClientLinkToken.New();

        var link = ClientLink.Create(ClientLinkToken.Hash(token), Sealed, Guid.NewGuid(), Guid.NewGuid(), "Tech", Made);

        Assert.Equal(Sealed, link.ProtectedToken);
        Assert.True(link.CanBeShown);
        var e = Assert.Throws<DomainException>(() => ClientLink.Create(ClientLinkToken.Hash(token), token, Guid.NewGuid(), Guid.NewGuid(), "Tech", Made));
        Assert.Contains("encrypted", e.Message, StringComparison.Ordinal);
        Assert.Throws<DomainException>(() => ClientLink.Create(ClientLinkToken.Hash(token), " ", Guid.NewGuid(), Guid.NewGuid(), "Tech", Made));
        Assert.Throws<DomainException>(() => ClientLink.Create(ClientLinkToken.Hash(token), new string('x', ClientLink.ProtectedTokenMaxLength + 1), Guid.NewGuid(), Guid.NewGuid(), "Tech", Made));
    }

    [Fact]
    public void LastValidDay_CountsFromTheLastMilestone()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();
        var link = NewLink();

        var last = link.LastValidDay(timeline.LastDay, London, 90);

        Assert.Equal(Date("2026-03-16").AddDays(90), last); // last milestone: swimming and sauna on 16 Mar
        Assert.Equal(ClientLinkState.Active, link.StateOn(last, last));
        Assert.Equal(ClientLinkState.Expired, link.StateOn(last.AddDays(1), last));
    }

    [Fact]
    public void LastValidDay_LinkMadeAfterTheLastMilestone_CountsFromTheDayItWasMade()
    {
        var timeline = new TimelineBuilder().Session("2026-03-02 10:00").Build();
        var link = NewLink(new DateTime(2026, 9, 1, 23, 30, 0, DateTimeKind.Utc)); // 00:30 on 2 Sep in London

        Assert.Equal(Date("2026-09-02").AddDays(90), link.LastValidDay(timeline.LastDay, London, 90));
        Assert.Equal(Date("2026-09-02").AddDays(90), link.LastValidDay(null, London, 90));
    }

    [Fact]
    public void Revoke_StopsTheLinkWhateverTheDate()
    {
        var link = NewLink();
        var later = Made.AddHours(1);

        link.Revoke(later);
        link.Revoke(later.AddDays(1));

        Assert.Equal(later, link.RevokedAtUtc);
        Assert.Equal(ClientLinkState.Revoked, link.StateOn(Date("2026-03-02"), Date("2026-12-31")));
    }
}
