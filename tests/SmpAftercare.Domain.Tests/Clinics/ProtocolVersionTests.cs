using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Domain.Tests.Clinics;

public class ProtocolVersionTests
{
    private static readonly DateTime Monday = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Next_ChangedRules_NewVersionAndTheOldOneUntouched()
    {
        var first = ProtocolVersion.Initial(Guid.NewGuid(), "owner", Monday);
        var wetting = ProtocolRuleEntry.Create(0, "wetting", RuleKind.Avoid, RuleAnchor.EverySession, 0, 4, "Keep it dry.", "clinic", enabled: true);

        var second = first.Next([wetting], "owner", Monday.AddDays(1));

        Assert.Equal((2, first.ClinicId), (second.Version, second.ClinicId));
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(4, Assert.Single(second.Rules).ToDay);
        Assert.Equal(15, first.Rules.Count);
        Assert.Equal(3, first.Rules.Single(r => r.ActivityCode == "wetting").ToDay);
    }

    [Fact]
    public void Next_EveryRuleSwitchedOff_Refused()
    {
        var first = ProtocolVersion.Initial(Guid.NewGuid(), "owner", Monday);
        var off = ProtocolRuleEntry.Create(0, "soap", RuleKind.Avoid, RuleAnchor.EverySession, 0, 9, "No soap.", "clinic", enabled: false);

        var error = Assert.Throws<DomainException>(() => first.Next([off], "owner", Monday));

        Assert.Contains("at least one rule switched on", error.Message);
    }

    [Fact]
    public void ResetToDefault_AfterAnEdit_NextVersionEqualToTheDefaultProtocol()
    {
        var first = ProtocolVersion.Initial(Guid.NewGuid(), "owner", Monday);
        var edited = first.Next([ProtocolRuleEntry.Create(0, "sun", RuleKind.Avoid, RuleAnchor.FinalSession, 0, 59, "No sun.", "clinic", enabled: true)], "owner", Monday);

        var reset = edited.ResetToDefault("owner", Monday.AddHours(1));

        Assert.Equal(3, reset.Version);
        Assert.Equal(Monday.AddHours(1), reset.CreatedAtUtc);
        Assert.Equal(
            DefaultProtocol.Smp.Rules.Select(r => r.ToString()),
            reset.ToProtocol().Rules.Select(r => r.ToString()));
        Assert.All(reset.Rules, r => Assert.True(r.Enabled));
        Assert.Single(edited.Rules);
    }
}
