using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

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
            .Validate(o => !o.IsConfigured || o.HasValidFrom, "Smtp:From must be an email address when Smtp:Host is set.")
            .Validate(o => o.Port is > 0 and < 65536, "Smtp:Port must be a TCP port.")
            .ValidateOnStart();
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
            .Validate(o => !o.IsConfigured || Uri.TryCreate(o.GatewayUrl, UriKind.Absolute, out _), "Sms:GatewayUrl must be an absolute URL.")
            .Validate(o => o.Format is "json" or "form", "Sms:Format is json or form.")
            .ValidateOnStart();

        services.AddSingleton<OutboxFolder>();
        services.AddScoped<ReminderOutbox>();
        services.AddScoped<ReminderDispatcher>();
        services.AddSingleton<IReminderChannel, EmailChannel>();
        services.AddSingleton<IReminderChannel, SmsChannel>();
        services.AddHttpClient(SmsChannel.HttpClientName);

        // Before Quartz's hosted service: interrupted rows are back in the queue before the first run.
        services.AddHostedService<ReminderRecovery>();

        // In-memory job store: the outbox table is the durable part, and the only job is one repeating trigger
        // declared here at start-up (docs/decisions/0003-reminder-outbox.md).
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
