using System.Globalization;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// Settings checked before the app starts, so a typo stops it with a sentence instead of surfacing later as a
/// 500 on some request or as a broken link in every message sent (docs/security.md).
/// </summary>
public static class StartupChecks
{
    private static readonly (string Key, int Min, int Max)[] Numbers =
    [
        ("ClientLink:RateLimit:PermitLimit", 1, 1_000_000),
        ("ClientLink:RateLimit:WindowSeconds", 1, 86_400),
        ("SignIn:MaxFailuresPerAddress", 1, 1_000_000),
        ("SignIn:WindowMinutes", 1, 1_440),
        ("Reminders:DispatchIntervalSeconds", 1, 86_400),
        ("Reminders:MaxAttempts", 1, 50),
        ("Reminders:RetryDelaySeconds", 1, 86_400),
        ("Reminders:BatchSize", 1, 100_000),
        ("Smtp:Port", 1, 65_535),
        ("Smtp:TimeoutSeconds", 1, 3_600),
        ("Sms:TimeoutSeconds", 1, 3_600),
    ];

    private static readonly string[] Switches = ["Reminders:DispatchEnabled", "Smtp:EnableSsl"];

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        if (configuration["PublicBaseUrl"] is { Length: > 0 } url && !IsPublicBaseUrl(url))
        {
            problems.Add($"PublicBaseUrl is '{url}': set it to the address clients open the app at, like https://aftercare.example.com " +
                         "(http or https, no path query or fragment).");
        }

        foreach (var (key, min, max) in Numbers)
        {
            if (configuration[key] is { Length: > 0 } text &&
                !(int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max))
            {
                problems.Add($"{key} is '{text}': it must be a whole number from {min} to {max}.");
            }
        }

        foreach (var key in Switches)
        {
            if (configuration[key] is { Length: > 0 } text && !bool.TryParse(text, out _))
            {
                problems.Add($"{key} is '{text}': it must be true or false.");
            }
        }

        var proxy = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        foreach (var entry in proxy.Unreadable())
        {
            problems.Add($"ReverseProxy lists '{entry}': KnownProxies takes addresses like 10.0.0.5, KnownNetworks networks like 10.0.0.0/24.");
        }

        return problems;
    }

    /// <summary>Writes each problem and returns true when the app must not start.</summary>
    public static bool Refuse(IConfiguration configuration, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var problems = Problems(configuration);
        foreach (var problem in problems)
        {
            error.WriteLine(problem);
        }

        if (problems.Count > 0)
        {
            error.WriteLine("SmpAftercare did not start: correct the settings above (appsettings.json or environment variables).");
        }

        return problems.Count > 0;
    }

    /// <summary>An absolute http(s) address with nothing after the path: every personal link is built on it.</summary>
    public static bool IsPublicBaseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.UserInfo.Length == 0 && uri.Query.Length == 0 && uri.Fragment.Length == 0
        && !string.IsNullOrEmpty(uri.Host);
}
