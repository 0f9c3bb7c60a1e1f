using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Account;
using SmpAftercare.Web.Features.Settings;
using SmpAftercare.Web.Features.Setup;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Admin;

/// <summary>What first-start set-up does (Features/Setup), for operators who set clinics up by script.</summary>
internal sealed class ClinicCreateCommand : ICliCommand
{
    /// <summary>SetupForm's properties, named as the options that fill them.</summary>
    private static readonly Dictionary<string, string> OptionOf = new()
    {
        ["Clinic.Name"] = "--name",
        ["Clinic.TimeZoneId"] = "--time-zone",
        ["Clinic.Locale"] = "--locale",
        [nameof(SetupForm.OwnerName)] = "--owner-name",
        [nameof(SetupForm.OwnerEmail)] = "--owner-email",
        [nameof(SetupForm.Password)] = "--owner-password",
    };

    public string Name => "clinic create";

    public string Usage => "clinic create --name NAME --time-zone IANA_ID --owner-email EMAIL --owner-password PASSWORD [--owner-name NAME] [--locale LOCALE]";

    public IReadOnlyDictionary<string, bool> Options { get; } = new Dictionary<string, bool>
    {
        ["name"] = true,
        ["time-zone"] = true,
        ["owner-email"] = true,
        ["owner-password"] = true,
        ["owner-name"] = false,
        ["locale"] = false,
    };

    public void Check(CliOptions options, List<string> problems)
    {
        var result = new SetupFormValidator().Validate(FormOf(options));
        foreach (var failure in result.Errors)
        {
            problems.Add($"{OptionOf.GetValueOrDefault(failure.PropertyName, failure.PropertyName)}: {failure.ErrorMessage}");
        }
    }

    public async Task<int> RunAsync(WebApplication app, CliOptions options, TextWriter output, TextWriter error)
    {
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var form = FormOf(options);

        // An address may have an account at several clinics (one owner, two clinics), so only the same address at a
        // clinic of the same name is refused: that is this command run twice. The operator sees every clinic anyway.
        var theirs = (await users.AccountsWithAsync(form.OwnerEmail)).Select(a => a.ClinicId).ToList();
        var name = form.Clinic.Name.Trim();
        if (await db.Clinics.IgnoreQueryFilters().Where(c => theirs.Contains(c.Id) && c.Name == name).Select(c => (Guid?)c.Id).FirstOrDefaultAsync() is { } existing)
        {
            await error.WriteLineAsync($"--owner-email: {form.OwnerEmail.Trim()} already has an account at a clinic named '{name}' ({existing:D}).");
            await error.WriteLineAsync("Nothing was created.");
            return AdminCli.Failed;
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var (clinic, owner, result) = await ClinicOnboarding.CreateAsync(db, users, form, now);
        if (!result.Succeeded)
        {
            await transaction.RollbackAsync();
            foreach (var problem in result.Errors)
            {
                await error.WriteLineAsync($"--owner-email: {problem.Description}");
            }

            await error.WriteLineAsync("Nothing was created.");
            return AdminCli.Failed;
        }

        await transaction.CommitAsync();
        await output.WriteLineAsync(clinic.Id.ToString("D", System.Globalization.CultureInfo.InvariantCulture));
        await error.WriteLineAsync($"Created clinic '{clinic.Name}' ({clinic.TimeZoneId}, {clinic.Locale}) with owner {owner.Email}.");
        return AdminCli.Done;
    }

    private static SetupForm FormOf(CliOptions options)
    {
        var email = options.Get("owner-email") ?? string.Empty;
        var password = options.Get("owner-password") ?? string.Empty;
        return new SetupForm
        {
            Clinic = new ClinicDetailsForm
            {
                Name = options.Get("name") ?? string.Empty,
                TimeZoneId = options.Get("time-zone") ?? string.Empty,
                Locale = options.Get("locale") ?? "en-GB",
            },
            OwnerName = options.Get("owner-name") ?? email,
            OwnerEmail = email,
            Password = password,
            ConfirmPassword = password,
        };
    }
}
