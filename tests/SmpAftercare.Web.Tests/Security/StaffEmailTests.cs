using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Account;
using SmpAftercare.Web.Features.Staff;
using SmpAftercare.Web.Infrastructure;
using SmpAftercare.Web.Tests.Components;

namespace SmpAftercare.Web.Tests.Security;

/// <summary>
/// docs/security.md, "Tenancy": an address is unique within a clinic, not across clinics, so inviting staff tells an
/// owner nothing about other clinics' accounts. Sign-in with such an address: Security/SignInTests.
/// </summary>
public sealed class StaffEmailTests(ComponentApp fixture) : StaffComponentTest(fixture)
{
    private sealed record Stored(Guid ClinicId, string FullName, bool UserNameIsId, bool EmailConfirmed, bool HasPassword, bool LockoutEnabled, string Roles, string Audit);

    /// <summary>The invitation page as the owner uses it: what it shows afterwards, with the link and address taken out.</summary>
    /// <remarks>Each invitation names another person: MudBlazor shows a snackbar once while the same text is still up.</remarks>
    private string Invite(IRenderedComponent<MudSnackbarProvider> snackbars, string name, string email, int nth)
    {
        var page = Render<StaffNew>();
        page.Find("input[data-testid=name]").Input(name);
        page.Find("input[data-testid=email]").Input(email);
        page.Find("[data-testid=send]").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=invitation-outcome]")));
        snackbars.WaitForAssertion(() => Assert.True(snackbars.FindAll(".mud-snackbar").Count >= nth));
        var snackbar = snackbars.FindAll(".mud-snackbar")[nth - 1].TextContent;
        Assert.Contains("/account/invitation?user=", page.Find("input[data-testid=invitation-link]").GetAttribute("value"), StringComparison.Ordinal);
        return string.Join(" | ", page.Find("h1").TextContent, page.Find("[data-testid=invitation-outcome]").TextContent, snackbar)
            .Replace(email, "EMAIL", StringComparison.OrdinalIgnoreCase).Replace(name, "NAME", StringComparison.Ordinal);
    }

    /// <summary>What the invitation stored, with the person's name and address taken out.</summary>
    private Task<Stored> StoredAsync(Guid clinicId, string name, string email) => App.WithDbAsync(async db =>
    {
        var normalized = email.ToUpperInvariant();
        var user = await db.Users.SingleAsync(u => u.ClinicId == clinicId && u.NormalizedEmail == normalized);
        var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
        var audit = await db.AuditEntries.IgnoreQueryFilters().Where(e => e.ClinicId == clinicId && e.Action == AuditActions.StaffInvited && e.Details!.Contains(email))
            .Select(e => e.Details!).SingleAsync();
        return new Stored(user.ClinicId, user.FullName.Replace(name, "NAME", StringComparison.Ordinal), user.UserName == user.Id, user.EmailConfirmed, user.PasswordHash is not null, user.LockoutEnabled,
            string.Join(",", roles), audit.Replace(email, "EMAIL", StringComparison.OrdinalIgnoreCase).Replace(name, "NAME", StringComparison.Ordinal));
    });

    [Fact]
    public async Task AnotherClinicsAddress_GetsExactlyWhatAnUnusedAddressGets_OnThePageAndInTheDatabase()
    {
        var a = await App.SeedClinicAsync("Clinic A " + Guid.NewGuid().ToString("N")[..8]);
        var b = await App.SeedClinicAsync("Clinic B " + Guid.NewGuid().ToString("N")[..8]);
        SignInAs(b.Owner, b.Id);
        var theirsBefore = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == a.Technician.Id));
        var snackbars = Render<MudSnackbarProvider>();
        Render<MudPopoverProvider>();
        var unused = $"fay-{Guid.NewGuid():N}@example.com";

        var forUnused = Invite(snackbars, "Una Used", unused, 1);
        var forTheirs = Invite(snackbars, "Fay Freelance", a.Technician.Email, 2);

        Assert.Equal(forUnused, forTheirs);
        Assert.Contains("NAME is invited: hand over the link.", forTheirs, StringComparison.Ordinal);
        Assert.DoesNotContain(a.Name, forTheirs, StringComparison.Ordinal);
        Assert.Equal(await StoredAsync(b.Id, "Una Used", unused), await StoredAsync(b.Id, "Fay Freelance", a.Technician.Email));
        Assert.Equal(new Stored(b.Id, "NAME", true, false, false, true, StaffRoles.Technician, $"NAME <EMAIL> as {StaffRoles.Technician}"),
            await StoredAsync(b.Id, "Una Used", unused));
        // Clinic A's account is as it was: same password, same stamp (its sessions go on).
        var theirsAfter = await App.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == a.Technician.Id));
        Assert.Equal((theirsBefore.PasswordHash, theirsBefore.SecurityStamp, theirsBefore.ClinicId), (theirsAfter.PasswordHash, theirsAfter.SecurityStamp, theirsAfter.ClinicId));
    }

    [Fact]
    public async Task AnAddressTheOwnersOwnClinicHas_IsRefused_NothingStored()
    {
        var b = await App.SeedClinicAsync("Clinic B " + Guid.NewGuid().ToString("N")[..8]);
        SignInAs(b.Owner, b.Id);
        var page = Render<StaffNew>();

        page.Find("input[data-testid=name]").Input("Rita Again");
        page.Find("input[data-testid=email]").Input(b.Reception.Email.ToUpperInvariant());
        page.Find("[data-testid=send]").Click();

        page.WaitForAssertion(() => Assert.Contains(StaffAddresses.ClinicHasAddress, page.Markup, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("[data-testid=invitation-outcome]"));
        Assert.Equal(3, await App.WithDbAsync(db => db.Users.CountAsync(u => u.ClinicId == b.Id)));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.ClinicId == b.Id && e.Action == AuditActions.StaffInvited)));
    }

    [Fact]
    public async Task TwoInvitationsOfOneAddressAtOnce_TheDatabaseKeepsOneAccountPerClinic()
    {
        var b = await App.SeedClinicAsync("Clinic B " + Guid.NewGuid().ToString("N")[..8]);
        var email = $"twice-{Guid.NewGuid():N}@example.com";

        // Straight to the store, past the validator's check, as the second of two racing requests gets there.
        var second = await App.WithDbAsync(async db =>
        {
            db.Users.Add(Account(b.Id, email));
            await db.SaveChangesAsync();
            db.Users.Add(Account(b.Id, email.ToUpperInvariant()));
            return await Record.ExceptionAsync(() => db.SaveChangesAsync());
        });

        Assert.IsType<DbUpdateException>(second);
        var normalized = email.ToUpperInvariant();
        Assert.Equal(1, await App.WithDbAsync(db => db.Users.CountAsync(u => u.NormalizedEmail == normalized)));
    }

    private static StaffUser Account(Guid clinicId, string email)
    {
        var user = StaffUser.Create(clinicId, email, "Racing Person");
        user.NormalizedUserName = user.UserName!.ToUpperInvariant();
        user.NormalizedEmail = email.ToUpperInvariant();
        user.SecurityStamp = Guid.NewGuid().ToString();
        return user;
    }
}
