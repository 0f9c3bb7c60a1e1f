using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace SmpAftercare.Web.Features.Account;

/// <summary>Configuration section "SignIn".</summary>
public sealed class SignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Failed sign-ins one address may make, across all accounts, within <see cref="WindowMinutes"/>.</summary>
    public int MaxFailuresPerAddress { get; set; } = 10;

    public int WindowMinutes { get; set; } = 15;
}

/// <summary>
/// The per-address limit beside Identity's per-account lockout: lockout stops guessing one account's password,
/// this stops trying one password on many accounts (password spraying). Only failures count, so a clinic whose
/// staff share one address is not held up by its own sign-ins.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, IOptions<SignInOptions> options)
{
    private readonly ConcurrentDictionary<string, Window> _failures = new(StringComparer.Ordinal);

    private TimeSpan Length => TimeSpan.FromMinutes(Math.Max(1, options.Value.WindowMinutes));

    /// <summary>Checked before the password is: a refused attempt learns nothing about it.</summary>
    public bool IsBlocked(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        return _failures.TryGetValue(Key(address), out var window) && window.Count(now, Length) >= Math.Max(1, options.Value.MaxFailuresPerAddress);
    }

    public void RecordFailure(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        _failures.GetOrAdd(Key(address), _ => new Window()).Add(now, Length);
        if (_failures.Count > 10_000)
        {
            // Addresses whose failures have all aged out: without this a scan from many addresses grows the table forever.
            foreach (var (key, window) in _failures)
            {
                if (window.Count(now, Length) == 0)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }
    }

    /// <summary>
    /// One key per IPv4 address, one per IPv6 /64: a single IPv6 connection usually has a whole /64 to pick
    /// addresses from, so counting single IPv6 addresses would not limit anybody.
    /// </summary>
    private static string Key(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The times of one address's recent failures.</summary>
    private sealed class Window
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public int Count(DateTimeOffset now, TimeSpan length)
        {
            lock (_times)
            {
                Expire(now, length);
                return _times.Count;
            }
        }

        public void Add(DateTimeOffset now, TimeSpan length)
        {
            lock (_times)
            {
                Expire(now, length);
                _times.Enqueue(now);
            }
        }

        private void Expire(DateTimeOffset now, TimeSpan length)
        {
            while (_times.TryPeek(out var oldest) && oldest <= now - length)
            {
                _times.Dequeue();
            }
        }
    }
}
