using System.Collections;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SmpAftercare.Web.Features.ClientLink;

/// <summary>
/// Keeps personal-link tokens out of every log line. The host logs each request's path ("Request starting ...
/// GET /c/{token}") and puts it in the logging scope (RequestPath) before any middleware runs, so the path cannot
/// be cleaned up by the app itself: instead every logger is wrapped, and messages, structured values and scopes
/// that mention /c/{token} are rewritten to /c/[redacted] before any provider sees them.
/// </summary>
public static partial class TokenRedaction
{
    public const string Replacement = "[redacted]";

    /// <summary>Wraps the app's logger factory. Provider filters keep working: the providers themselves are untouched.</summary>
    public static IServiceCollection AddTokenRedaction(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp => new RedactingLoggerFactory(new LoggerFactory(
            sp.GetServices<ILoggerProvider>(),
            sp.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            sp.GetService<IOptions<LoggerFactoryOptions>>(),
            sp.GetService<IExternalScopeProvider>()))));
        return services;
    }

    public static string Redact(string text) =>
        text.Contains("c/", StringComparison.Ordinal) ? TokenInPath().Replace(text, Replacement) : text;

    private static bool Mentions(string? text) => text is not null && text.Contains("c/", StringComparison.Ordinal) && TokenInPath().IsMatch(text);

    private static bool Mentions(object? value) => value switch
    {
        null => false,
        string text => Mentions(text),
        PathString path => Mentions(path.Value),
        ValueType => false, // numbers, dates, ids: nothing that can hold a path
        _ => Mentions(value.ToString()),
    };

    // The segment after /c/ up to the next separator; tokens are base64url, but anything there is the secret's place.
    // Routing also logs the path as a route value without its leading slash ("c/{token}"), so a "c/" that starts a
    // value or follows a separator counts too; "abc/" in some other path does not.
    [GeneratedRegex(@"(?<=(?<![\w.~-])c/)[^/?#\s""'<>]+")]
    private static partial Regex TokenInPath();

    private sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
    {
        private readonly ConcurrentDictionary<string, ILogger> _loggers = new(StringComparer.Ordinal);

        public ILogger CreateLogger(string categoryName) =>
            _loggers.GetOrAdd(categoryName, static (name, factory) => new RedactingLogger(factory.CreateLogger(name)), inner);

        public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

        public void Dispose() => inner.Dispose();
    }

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull =>
            NeedsRedaction(state) ? inner.BeginScope(new RedactedState(state)) : inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = formatter(state, exception);
            if (Mentions(message) || NeedsRedaction(state))
            {
                inner.Log(logLevel, eventId, new RedactedState((object?)state ?? message, message), exception, static (s, _) => s.ToString());
            }
            else
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
            }
        }

        private static bool NeedsRedaction<TState>(TState state) => state switch
        {
            IEnumerable<KeyValuePair<string, object?>> pairs => pairs.Any(p => Mentions(p.Value)) || Mentions(state.ToString()),
            string text => Mentions(text),
            _ => Mentions(state),
        };
    }

    /// <summary>A log state or scope with every mention of a token replaced, keeping its structured values.</summary>
    private sealed class RedactedState : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> _values;
        private readonly string _text;

        public RedactedState(object state, string? message = null)
        {
            _text = Redact(message ?? state.ToString() ?? string.Empty);
            _values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? [.. pairs.Select(p => new KeyValuePair<string, object?>(p.Key, Mentions(p.Value) ? Redact(p.Value!.ToString()!) : p.Value))]
                : [];
        }

        public int Count => _values.Count;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _values.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => _text;
    }
}
