using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Features.Api;
using SmpAftercare.Web.Infrastructure;

namespace SmpAftercare.Web.Features.Admin;

internal sealed class ApiKeyCreateCommand : ICliCommand
{
    public string Name => "api-key create";

    public string Usage => "api-key create --clinic CLINIC_ID --name LABEL";

    public IReadOnlyDictionary<string, bool> Options { get; } = new Dictionary<string, bool> { ["clinic"] = true, ["name"] = true };

    public void Check(CliOptions options, List<string> problems)
    {
        if (!Guid.TryParse(options["clinic"], out _))
        {
            problems.Add($"--clinic: '{options["clinic"]}' is not a clinic id (the id 'clinic create' printed).");
        }

        foreach (var failure in new ApiKeyFormValidator().Validate(new ApiKeyForm { Label = options["name"] }).Errors)
        {
            problems.Add($"--name: {failure.ErrorMessage}");
        }
    }

    public async Task<int> RunAsync(WebApplication app, CliOptions options, TextWriter output, TextWriter error)
    {
        await app.Services.InitialiseDatabaseAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var clinicId = Guid.Parse(options["clinic"]);
        // No signed-in clinic here: the tenant filter would hide every clinic.
        var clinic = await db.Clinics.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == clinicId);
        if (clinic is null)
        {
            await error.WriteLineAsync($"--clinic: there is no clinic with id {clinicId}.");
            return AdminCli.Failed;
        }

        var who = "cli:" + Environment.UserName;
        var key = ApiKey.Issue(clinic.Id, options["name"], who, now, out var secret);
        db.ApiKeys.Add(key);
        db.AuditEntries.Add(AuditEntry.Record(clinic.Id, "cli", who, AuditActions.ApiKeyCreated, null, $"Key \"{key.Label}\" ({key.Start}…)", now));
        await db.SaveChangesAsync();

        await output.WriteLineAsync(secret);
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Created API key '{key.Label}' for {clinic.Name}. Store it now: it cannot be shown again (the owner can revoke it under /settings/api-keys)."));
        return AdminCli.Done;
    }
}
