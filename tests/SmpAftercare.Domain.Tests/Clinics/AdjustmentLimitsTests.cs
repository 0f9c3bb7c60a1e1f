using SmpAftercare.Domain.Aftercare;
using SmpAftercare.Domain.Clinics;

namespace SmpAftercare.Domain.Tests.Clinics;

/// <summary>The clinic's limits on adjusting a restriction for one client (docs/decisions/0015-adjustment-limits.md).</summary>
public class AdjustmentLimitsTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);

    private static Clinic NewClinic() => Clinic.Create(new ClinicDetails("Northside SMP", "Europe/London", "en-GB", null, null, null), Now);

    [Fact]
    public void NewClinic_HasTodaysLimits_TwoDaysEarlierThirtyLonger()
    {
        var clinic = NewClinic();

        Assert.Equal(new AdjustmentLimits(2, 30), clinic.AdjustmentLimits);
        Assert.Equal(AdjustmentLimits.Default, clinic.AdjustmentLimits);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, 60)]
    [InlineData(14, 365)]
    public void Change_WithinTheBounds_Kept(int shorter, int longer)
    {
        var clinic = NewClinic();

        clinic.ChangeAdjustmentLimits(shorter, longer);

        Assert.Equal(new AdjustmentLimits(shorter, longer), clinic.AdjustmentLimits);
    }

    [Theory]
    [InlineData(-1, 30, "between 0 and 14 days early")]
    [InlineData(15, 30, "between 0 and 14 days early")]
    [InlineData(int.MaxValue, 30, "between 0 and 14 days early")]
    [InlineData(2, -1, "between 0 and 365 days longer")]
    [InlineData(2, 366, "between 0 and 365 days longer")]
    [InlineData(2, int.MinValue, "between 0 and 365 days longer")]
    public void Change_NegativeOrAbsurd_RefusedAndTheOldLimitsStay(int shorter, int longer, string problem)
    {
        var clinic = NewClinic();
        clinic.ChangeAdjustmentLimits(3, 40);

        var error = Assert.Throws<DomainException>(() => clinic.ChangeAdjustmentLimits(shorter, longer));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Equal(new AdjustmentLimits(3, 40), clinic.AdjustmentLimits);
    }

    [Theory]
    [InlineData(0, 9, 9, null)]
    [InlineData(0, 9, 7, null)]
    [InlineData(0, 9, 6, "lifting a restriction at most 2 days early: the last day to avoid can be day 7 at the earliest")]
    [InlineData(5, 9, 4, "the last day to avoid can be day 7 at the earliest")]
    [InlineData(0, 9, 39, null)]
    [InlineData(0, 9, 40, "keeping a restriction at most 30 days longer: the last day to avoid can be day 39 at the latest")]
    public void Refusal_NamesTheClinicsLimitAndTheDayThatWouldDo(int from, int end, int toDay, string? problem)
    {
        var refusal = AdjustmentLimits.Default.Refusal(from, end, toDay);

        if (problem is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Contains(problem, refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refusal_OneDayOrNone_SaidInWords()
    {
        Assert.Equal("The clinic allows lifting a restriction at most 1 day early: the last day to avoid can be day 8 at the earliest.", new AdjustmentLimits(1, 30).Refusal(0, 9, 7));
        Assert.Equal("The clinic does not allow lifting a restriction early: the last day to avoid can be day 9 at the earliest.", new AdjustmentLimits(0, 30).Refusal(0, 9, 8));
        Assert.Equal("The clinic does not allow keeping a restriction longer: the last day to avoid can be day 9 at the latest.", new AdjustmentLimits(2, 0).Refusal(0, 9, 10));
    }
}
