using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace SmpAftercare.Web.Infrastructure;

/// <summary>
/// Configuration section "ReverseProxy": the proxies whose X-Forwarded-For/-Proto headers the app believes.
/// Behind a proxy that ends TLS, the forwarded scheme is what makes cookies Secure and turns HSTS on; a header
/// from anyone else is ignored, or a client could claim any address (and dodge the per-address limits).
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of the proxies, like 10.0.0.5 or ::1.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, like 10.0.0.0/24.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Entries that are not an address or a network, for the start-up check.</summary>
    public IEnumerable<string> Unreadable() =>
        KnownProxies.Where(p => !IPAddress.TryParse(p, out _))
            .Concat(KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)));
}

public static class ReverseProxy
{
    public static void AddReverseProxy(this WebApplicationBuilder builder)
    {
        var proxy = builder.Configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new ReverseProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; here only what the operator configured is trusted.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var address in proxy.KnownProxies)
            {
                if (IPAddress.TryParse(address, out var parsed))
                {
                    o.KnownProxies.Add(parsed);
                }
            }

            foreach (var network in proxy.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    o.KnownIPNetworks.Add(parsed);
                }
            }

            // A chain of configured proxies is walked back to the first address that is not one of them.
            o.ForwardLimit = null;
        });
        // Identity's cookie is Secure whenever the request was https; the antiforgery cookie is not by default.
        builder.Services.Configure<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and the scheme it used.</summary>
    public static void UseReverseProxy(this WebApplication app) => app.UseForwardedHeaders();
}
