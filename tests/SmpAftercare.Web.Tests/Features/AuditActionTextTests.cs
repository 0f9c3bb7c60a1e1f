using System.Reflection;
using SmpAftercare.Web.Features.Audit;
using SmpAftercare.Web.Features.ClientLink;
using SmpAftercare.Web.Features.Reminders;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Tests.Features;

public sealed class AuditActionTextTests
{
    public static TheoryData<string> EveryAction()
    {
        var data = new TheoryData<string>();
        foreach (var type in new[] { typeof(AuditActions), typeof(ClientLinkAuditActions), typeof(ReminderAuditActions) })
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            {
                data.Add((string)field.GetRawConstantValue()!);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryAction))]
    public void EveryActionTheAppRecords_ReadsInPlainWords(string action)
    {
        var label = AuditActionText.Label(action);

        Assert.NotEqual("Other change", label);
        Assert.DoesNotContain(".", label, StringComparison.Ordinal);
        Assert.True(char.IsUpper(label[0]), label);
    }

    [Fact]
    public void AnUnknownCode_IsNeverShownAsItIs() => Assert.Equal("Other change", AuditActionText.Label("future.thing"));
}
