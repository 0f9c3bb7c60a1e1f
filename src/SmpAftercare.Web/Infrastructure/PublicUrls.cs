namespace SmpAftercare.Web.Infrastructure;

/// <summary>Absolute links into this app for messages and personal links (often made outside any request).</summary>
public sealed class PublicUrls(IConfiguration configuration)
{
    /// <summary>PublicBaseUrl from configuration without a trailing slash, or null when not set.</summary>
    public string? Configured { get; } = configuration["PublicBaseUrl"] is { Length: > 0 } url ? url.TrimEnd('/') : null;

    /// <summary>PublicBaseUrl, or the development address the README's run command serves.</summary>
    public string BaseUrl => Configured ?? "http://localhost:5080";

    public string OptOut(string token) => $"{BaseUrl}/stop/{token}";

    /// <summary>RFC 8058 one-click target for the List-Unsubscribe header (mail clients POST to it).</summary>
    public string OneClickOptOut(string token) => $"{BaseUrl}/stop/{token}/one-click";
}
