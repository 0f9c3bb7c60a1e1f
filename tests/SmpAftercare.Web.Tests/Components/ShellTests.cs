using Bunit;
using SmpAftercare.Web.Components.Layout;
using SmpAftercare.Data;

namespace SmpAftercare.Web.Tests.Components;

public sealed class ShellTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    [Fact]
    public void Layout_ShowsTheClinicTheUserAndTheirRole_AndSignsOutWithAFormPost()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddMarkupContent(0, "<h1>Page</h1>")));

        layout.WaitForAssertion(() => Assert.Equal("Northside SMP", layout.Find("[data-testid=clinic-name]").TextContent.Trim()));
        Assert.Equal("Technician of Northside SMP", layout.Find("[data-testid=user-name]").TextContent.Trim());
        Assert.Contains("Technician", layout.Find(".staff-user-text").TextContent);
        var form = layout.Find("form[name=logout]");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("/account/logout", form.GetAttribute("action"));
        // A technician does not see the owner's pages.
        Assert.DoesNotContain(layout.FindAll("a"), a => a.GetAttribute("href") == "/staff");
    }

    [Fact]
    public void Layout_ForAnOwner_ListsTheOwnersPages()
    {
        SignInAs(Clinic.Owner, Clinic.Id);

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddMarkupContent(0, "<h1>Page</h1>")));

        layout.WaitForAssertion(() => Assert.Contains(layout.FindAll("a"), a => a.GetAttribute("href") == "/staff"));
        Assert.Contains(layout.FindAll("a"), a => a.GetAttribute("href") == "/settings");
        Assert.Equal(StaffRoles.Owner, Clinic.Owner.Role);
    }

    [Fact]
    public void Layout_ForSomeoneOfAnotherClinic_NeverShowsThisClinicsName()
    {
        SignInAs(Clinic.Owner, Guid.NewGuid());

        var layout = Render<MainLayout>(p => p.Add(l => l.Body, b => b.AddMarkupContent(0, "<h1>Page</h1>")));

        layout.WaitForAssertion(() => Assert.Equal("SmpAftercare", layout.Find("[data-testid=clinic-name]").TextContent.Trim()));
    }
}

public sealed class SaveButtonTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    [Fact]
    public async Task ASaveInFlight_DisablesTheButton_AndASecondClickDoesNothing()
    {
        var saves = 0;
        var release = new TaskCompletionSource();
        var button = Render<SmpAftercare.Web.Components.Ui.SaveButton>(p => p
            .Add(b => b.ChildContent, "Save")
            .Add(b => b.OnSave, async () =>
            {
                saves++;
                await release.Task;
            }));

        var first = button.Find("button").ClickAsync(new());
        button.WaitForAssertion(() => Assert.True(button.Find("button").HasAttribute("disabled")));
        // A click that reaches the server before the page updated (a fast double click) is refused there too.
        await button.InvokeAsync(() => button.Instance.GetType()
            .GetMethod("RunAsync", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .Invoke(button.Instance, null) as Task ?? Task.CompletedTask);
        release.SetResult();
        await first;

        Assert.Equal(1, saves);
        button.WaitForAssertion(() => Assert.False(button.Find("button").HasAttribute("disabled")));
    }
}
