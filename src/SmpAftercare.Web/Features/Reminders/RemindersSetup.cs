using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SmpAftercare.Web.Features.Reminders;

public static class RemindersSetup
{
    public static void AddReminders(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .Validate(o => ReminderDispatchJob.TryCron(o.DispatchIntervalSeconds, out _),
                "Reminders:DispatchIntervalSeconds must divide a minute (1, 2, 3, 4, 5, 6, 10, 12, 15, 20 or 30) or be whole minutes that divide an hour (60, 120, 180, 240, 300, 360, 600, 720, 900, 1200, 1800 or 3600).")
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

        // Hangfire runs it on the configured interval (Features/Jobs/RecurringJobs.cs).
        services.AddScoped<ReminderDispatchJob>();

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
    }

    public static void MapReminders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapOptOut();
    }

    /// <summary>
    /// Anyone (a load balancer, a monitor) gets the overall status; what is behind it (queue sizes, which part
    /// failed) is for a signed-in owner only.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        object body = context.User.IsInRole(Data.StaffRoles.Owner)
            ? new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
            }
            : new { status = report.Status.ToString() };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
