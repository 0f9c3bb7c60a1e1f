using Microsoft.AspNetCore.Identity;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Admin;

/// <summary>
/// Grants or revokes the installation's Operator role. Only this command line (someone with the server's
/// database) hands it out: the dashboard shows every clinic's jobs, so no clinic owner can grant it in the app.
/// </summary>
internal sealed class OperatorCommand(bool grant) : ICliCommand
{
    public string Name => grant ? "operator grant" : "operator revoke";

    public string Usage => $"{Name} EMAIL";

    public string? Positional => "email";

    public IReadOnlyDictionary<string, bool> Options { get; } = new Dictionary<string, bool> { ["email"] = true };

    public void Check(CliOptions options, List<string> problems)
    {
        if (!System.Net.Mail.MailAddress.TryCreate(options["email"].Trim(), out _))
        {
            problems.Add($"EMAIL: '{options["email"]}' is not an email address (the address the staff member signs in with).");
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
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await error.WriteLineAsync($"There is no staff account with the email {email}.");
            return AdminCli.Failed;
        }

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
