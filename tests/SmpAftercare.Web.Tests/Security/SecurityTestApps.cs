using System.Buffers.Binary;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.ClientLink;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Security;

public static class SecurityBrowsers
{
    /// <summary>A cookie-keeping browser whose requests come from <paramref name="address"/>.</summary>
    public static StaffBrowser From(this ClientLinkAppFactory app, string address)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(ClientLinkAppFactory.RemoteAddressHeader, address);
        return new StaffBrowser(client);
    }

    public static Dictionary<string, string?> Credentials(string email, string password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };
}

/// <summary>
/// The app with its real password hasher, noting the iteration count of every hash it verifies: the work a
/// sign-in costs is what tells an attacker whether an account exists.
/// </summary>
public sealed class HashWorkApp : AppFactory
{
    public List<int> Verified { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddScoped<IPasswordHasher<StaffUser>>(sp =>
            new NotingHasher(new PasswordHasher<StaffUser>(sp.GetRequiredService<IOptions<PasswordHasherOptions>>()), Verified)));
    }

    private sealed class NotingHasher(PasswordHasher<StaffUser> inner, List<int> verified) : IPasswordHasher<StaffUser>
    {
        public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            // Identity v3 hashes: format byte, PRF (4 bytes), iteration count (4 bytes, big-endian), ...
            var bytes = Convert.FromBase64String(hashedPassword);
            lock (verified)
            {
                verified.Add((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4)));
            }

            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
