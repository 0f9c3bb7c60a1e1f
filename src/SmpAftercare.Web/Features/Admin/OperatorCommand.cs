using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Account;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Admin;

/// <summary>
/// Grants or revokes the installation's Operator role. Only this command line (someone with the server's
/// database) hands it out: the dashboard shows every clinic's jobs, so no clinic owner can grant it in the app.
/// </summary>
internal sealed class OperatorCommand(bool grant) : ICliCommand
{
    public string Name => grant ? "operator grant" : "operator revoke";

    public string Usage => $"{Name} EMAIL [--clinic CLINIC_ID]";

    public string? Positional => "email";

    public IReadOnlyDictionary<string, bool> Options { get; } = new Dictionary<string, bool> { ["email"] = true, ["clinic"] = false };

    public void Check(CliOptions options, List<string> problems)
    {
        if (!System.Net.Mail.MailAddress.TryCreate(options["email"].Trim(), out _))
        {
            problems.Add($"EMAIL: '{options["email"]}' is not an email address (the address the staff member signs in with).");
        }

        if (options.Get("clinic") is { } clinic && !Guid.TryParse(clinic, out _))
        {
            problems.Add($"--clinic: '{clinic}' is not a clinic id (the id 'clinic create' printed).");
        }
    }

    public async Task<int> RunAsync(WebApplication app, CliOptions options, TextWriter output, TextWriter error)
    {
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var email = options["email"].Trim();
        // One address may have an account at several clinics (docs/decisions/0016); the operator sees every clinic.
        var accounts = await users.AccountsWithAsync(email);
        if (options.Get("clinic") is { } clinic)
        {
            accounts = [.. accounts.Where(a => a.ClinicId == Guid.Parse(clinic))];
        }

        if (accounts.Count == 0)
        {
            await error.WriteLineAsync(options.Get("clinic") is null
                ? $"There is no staff account with the email {email}."
                : $"There is no staff account with the email {email} at clinic {options["clinic"]}.");
            return AdminCli.Failed;
        }

        if (accounts.Count > 1)
        {
            var ids = accounts.Select(a => a.ClinicId).ToList();
            var clinics = await db.Clinics.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync();
            await error.WriteLineAsync($"{email} has an account at {accounts.Count} clinics: {string.Join(", ", clinics.Select(c => $"{c.Id:D} ({c.Name})"))}. Say which with --clinic CLINIC_ID.");
            return AdminCli.Failed;
        }

        var user = accounts[0];

        if (await users.IsInRoleAsync(user, StaffRoles.Operator) == grant)
        {
            await output.WriteLineAsync(user.Email);
            await error.WriteLineAsync(grant ? $"{user.Email} is already an operator: nothing changed." : $"{user.Email} is not an operator: nothing changed.");
            return AdminCli.Done;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var result = grant ? await users.AddToRoleAsync(user, StaffRoles.Operator) : await users.RemoveFromRoleAsync(user, StaffRoles.Operator);
        if (result.Succeeded)
        {
            // Role changes keep Identity's stamp; a new one ends open sessions, which sign in again with the new roles.
            result = await users.UpdateSecurityStampAsync(user);
        }
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync();
            await error.WriteLineAsync(string.Join(" ", result.Errors.Select(e => e.Description)));
            return AdminCli.Failed;
        }

        var who = "cli:" + Environment.UserName;
        db.AuditEntries.Add(AuditEntry.Record(user.ClinicId, "cli", who, grant ? AuditActions.OperatorGranted : AuditActions.OperatorRevoked, null,
            $"{user.FullName} ({user.Email})", now));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        await output.WriteLineAsync(user.Email);
        await error.WriteLineAsync(grant
            ? $"{user.Email} is now an operator: the background jobs dashboard is at /operator/jobs."
            : $"{user.Email} is no longer an operator.");
        if (!grant && (await users.GetUsersInRoleAsync(StaffRoles.Operator)).Count == 0)
        {
            await error.WriteLineAsync("No operator is left: nobody can open the dashboard until 'operator grant EMAIL' gives the role again.");
        }

        return AdminCli.Done;
    }
}
