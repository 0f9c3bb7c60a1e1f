using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Web.Data;

namespace SmpAftercare.Web.Features.Reminders;

public static class RemindersSetup
{
    public static void AddReminders(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var reminders = builder.Configuration.GetSection(ReminderOptions.Section).Get<ReminderOptions>() ?? new ReminderOptions();

        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .Validate(o => o.DispatchIntervalSeconds >= 1, "Reminders:DispatchIntervalSeconds must be at least 1.")
            .Validate(o => o.MaxAttempts is >= 1 and <= 50, "Reminders:MaxAttempts must be between 1 and 50.")
            .Validate(o => o.RetryDelaySeconds >= 1, "Reminders:RetryDelaySeconds must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section)
            .Validate(o => !o.IsConfigured || System.Net.Mail.MailAddress.TryCreate(o.From, out _), "Smtp:From must be an email address when Smtp:Host is set.")
            .Validate(o => o.Port is > 0 and < 65536, "Smtp:Port must be a TCP port.")
            .ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
            .Validate(o => !o.IsConfigured || Uri.TryCreate(o.GatewayUrl, UriKind.Absolute, out _), "Sms:GatewayUrl must be an absolute URL.")
            .Validate(o => o.Format is "json" or "form", "Sms:Format is json or form.")
            .ValidateOnStart();

        services.AddSingleton<PublicUrls>();
        services.AddSingleton<OutboxFolder>();
        services.AddSingleton<IClientLinkProvider, BaseUrlClientLinkProvider>();
        services.AddScoped<ReminderOutbox>();
        services.AddScoped<ReminderDispatcher>();
        services.AddSingleton<IReminderChannel, EmailChannel>();
        services.AddSingleton<IReminderChannel, SmsChannel>();
        services.AddHttpClient(SmsChannel.HttpClientName);

        // Before Quartz's hosted service: interrupted rows are back in the queue before the first run.
        services.AddHostedService<ReminderRecovery>();

        // In-memory job store: the outbox table is the durable part, and the only job is one repeating trigger
        // declared here at start-up (docs/decisions/0002-reminder-outbox.md).
        services.AddQuartz(q =>
        {
            q.UseInMemoryStore();
            // The scheduler fires on real time; the dispatcher reads the app's TimeProvider for every decision.
            q.UseTimeProvider(TimeProvider.System);
            if (reminders.DispatchEnabled)
            {
                q.ScheduleJob<ReminderDispatchJob>(
                    trigger => trigger.WithIdentity("reminder-dispatch-trigger", "reminders").StartNow()
                        .WithSimpleSchedule(TimeSpan.FromSeconds(Math.Max(1, reminders.DispatchIntervalSeconds))),
                    job => job.WithIdentity(ReminderDispatchJob.Key));
            }
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddQuartz(o => o.Name = "scheduler");
    }

    public static void MapReminders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();

        // RFC 8058: mail clients POST here (no cookie, no antiforgery token) when the reader presses "Unsubscribe".
        app.MapPost("/stop/{token}/one-click", OptOutEndpoint.OneClickAsync).AllowAnonymous().DisableAntiforgery();
        app.MapGet("/stop/{token}/one-click", (string token) => Results.Redirect($"/stop/{Uri.EscapeDataString(token)}")).AllowAnonymous();
    }

    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}

/// <summary>The database answers a query (not just opens a file).</summary>
public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await db.Reminders.IgnoreQueryFilters().CountAsync(r => r.Status == Domain.Reminders.ReminderStatus.Pending, cancellationToken);
            return HealthCheckResult.Healthy($"SQLite answers; {pending} reminder(s) pending.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}

/// <summary>The one-click opt-out for mail clients (List-Unsubscribe-Post); the link in the text opens the page instead.</summary>
public static class OptOutEndpoint
{
    public static async Task<IResult> OneClickAsync(string token, AppDbContext db, ReminderOutbox outbox, TimeProvider clock, CancellationToken cancellationToken)
    {
        var result = await OptOut.ApplyAsync(db, outbox, token, clock.GetUtcNow(), cancellationToken);
        return result is null ? Results.NotFound() : Results.Text($"{result.Value.Channel} reminders from {result.Value.ClinicName} are switched off.");
    }
}

/// <summary>Switching a channel off from a message's link: no sign-in, the token in the link is the proof.</summary>
public static class OptOut
{
    /// <returns>The clinic's name and the channel switched off, or null for an unknown token.</returns>
    public static async Task<(string ClinicName, ContactChannel Channel)?> ApplyAsync(AppDbContext db, ReminderOutbox outbox, string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outbox);
        if (string.IsNullOrWhiteSpace(token) || token.Length > 32)
        {
            return null;
        }

        var reminder = await db.Reminders.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.OptOutToken == token, cancellationToken);
        if (reminder is null)
        {
            return null;
        }

        var clinic = await db.Clinics.IgnoreQueryFilters().SingleAsync(c => c.Id == reminder.ClinicId, cancellationToken);
        var client = await db.Clients.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == reminder.ClientId && c.ClinicId == clinic.Id, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var wasOn = reminder.Channel == ContactChannel.Email ? client.EmailConsent : client.SmsConsent;
        if (wasOn)
        {
            client.OptOut(reminder.Channel);
            await outbox.RecomputeAsync(db, clinic, client.Id, now, cancellationToken);
            db.AuditEntries.Add(AuditEntry.Record(clinic.Id, "client", $"{client.FullName} (opt-out link)", ReminderAuditActions.OptedOut, client.Id,
                $"{reminder.Channel} reminders switched off from a message link.", now.UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
        }

        return (clinic.Name, reminder.Channel);
    }
}

public static class ReminderAuditActions
{
    public const string OptedOut = "reminders.opted-out";
    public const string SentAgain = "reminder.sent-again";
    public const string SettingsChanged = "reminders.settings-changed";
}
