using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clients;

namespace SmpAftercare.Domain.Tests.Clients;

public sealed class SessionOrderTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly Guid Version = Guid.NewGuid();

    private static Client NewClient() =>
        Client.Create(Guid.NewGuid(), new ClientDetails("Alex Morgan", null, null, ContactChannel.None, false, false, null, null, false, null), "GB", Now);

    private static SessionDetails At(string utc, bool final = false) =>
        new(DateTimeOffset.Parse(utc + "Z", System.Globalization.CultureInfo.InvariantCulture), null, "Tess", final, null, null, null, null);

    [Fact]
    public void Log_AnEarlierSession_RenumbersInTimeOrderAndBumpsTheClientsVersion()
    {
        var client = NewClient();
        var second = TreatmentSession.Log(client, Version, At("2026-02-10T10:00"), [], Now);
        var third = TreatmentSession.Log(client, Version, At("2026-02-24T10:00"), [second], Now);
        var versionBefore = client.Version;

        var first = TreatmentSession.Log(client, Version, At("2026-02-01T10:00"), [second, third], Now);

        Assert.Equal([1, 2, 3], new[] { first, second, third }.Select(s => s.SessionNumber));
        Assert.Equal(versionBefore + 1, client.Version);
    }

    [Fact]
    public void Log_AtTheSameInstant_IsRefused()
    {
        var client = NewClient();
        var existing = TreatmentSession.Log(client, Version, At("2026-02-10T10:00"), [], Now);

        var e = Assert.Throws<DomainException>(() => TreatmentSession.Log(client, Version, At("2026-02-10T10:00"), [existing], Now));

        Assert.Equal("Session 1 already starts at this moment.", e.Message);
    }

    [Theory]
    [InlineData("2026-02-20T10:00", false)] // after the final one
    [InlineData("2026-02-01T10:00", true)] // a final one before another
    public void Log_BreakingTheFinalRule_IsRefused(string start, bool final)
    {
        var client = NewClient();
        var existing = TreatmentSession.Log(client, Version, At("2026-02-10T10:00", final: !final), [], Now);

        Assert.Throws<DomainException>(() => TreatmentSession.Log(client, Version, At(start, final), [existing], Now));
    }

    [Fact]
    public void Change_MovingPastANeighbour_RenumbersBoth()
    {
        var client = NewClient();
        var a = TreatmentSession.Log(client, Version, At("2026-02-01T10:00"), [], Now);
        var b = TreatmentSession.Log(client, Version, At("2026-02-10T10:00"), [a], Now);

        var changed = SessionOrder.Renumber(client, [a, b]);
        a.Change(client, At("2026-02-20T10:00"), [b], Now);

        Assert.Empty(changed);
        Assert.Equal((2, 1), (a.SessionNumber, b.SessionNumber));
    }

    [Fact]
    public void MoveToProtocol_ChangesTheVersionAndTheClientsVersion_OnlyWithinTheClinic()
    {
        var client = NewClient();
        var session = TreatmentSession.Log(client, Version, At("2026-02-10T10:00"), [], Now);
        var newer = Guid.NewGuid();
        var before = client.Version;

        Assert.Throws<DomainException>(() => session.MoveToProtocol(client, newer, Guid.NewGuid(), Now));
        Assert.Equal(Version, session.ProtocolVersionId);

        session.MoveToProtocol(client, newer, client.ClinicId, Now.AddDays(1));

        Assert.Equal(newer, session.ProtocolVersionId);
        Assert.Equal(Now.AddDays(1), session.UpdatedAtUtc);
        Assert.Equal(before + 1, client.Version);
        Assert.Throws<DomainException>(() => session.MoveToProtocol(NewClient(), Version, client.ClinicId, Now));
    }
}
