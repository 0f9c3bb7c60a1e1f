using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmpAftercare.Domain.Clients;
using SmpAftercare.Data;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.ClientLink;

/// <summary>
/// The app as <see cref="AppFactory"/> runs it, plus what the link tests need: extra settings, optionally every
/// log line captured at Trace level, and a request header that sets the caller's address (TestServer has none).
/// </summary>
public sealed class ClientLinkAppFactory(IReadOnlyDictionary<string, string?>? settings = null, bool captureLogs = false, PostgresServer? postgres = null)
    : AppFactory(postgres)
{
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    public CapturingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }

        if (captureLogs)
        {
            builder.ConfigureLogging(logging =>
            {
                logging.AddProvider(Logs);
                logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
            });
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>());
    }

    /// <summary>Makes the client's current link straight in the database, as the service would, and returns its token.</summary>
    public Task<string> LinkAsync(TestClinic clinic, Guid clientId, DateTime? madeAtUtc = null) =>
        new LinkRows(this).AddAsync(clinic.Id, clientId, madeAtUtc: madeAtUtc);

    /// <summary>A link as the release before current links stored it (hash only); a client may have several working.</summary>
    public Task<string> OlderLinkAsync(TestClinic clinic, Guid clientId, DateTime? madeAtUtc = null) =>
        new LinkRows(this).AddAsync(clinic.Id, clientId, older: true, madeAtUtc: madeAtUtc);

    public HttpClient Anonymous(string? remoteAddress = null)
    {
        var client = CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (remoteAddress is not null)
        {
            client.DefaultRequestHeaders.Add(RemoteAddressHeader, remoteAddress);
        }

        return client;
    }

    /// <summary>Every row of every app table as text: equal snapshots mean nothing was written.</summary>
    public string DatabaseSnapshot()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<(string Name, bool WithoutRowid)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                // The search index's shadow tables have no rowid; their first column is their key.
                tables.Add((reader.GetString(0), !reader.IsDBNull(1) && reader.GetString(1).Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase)));
            }
        }

        var text = new System.Text.StringBuilder();
        foreach (var (table, withoutRowid) in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {(withoutRowid ? "1" : "rowid")}";
            using var reader = select.ExecuteReader();
            text.Append('[').Append(table).Append(']').AppendLine();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                }

                text.AppendLine();
            }
        }

        return text.ToString();
    }

    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RemoteAddressHeader, out var address))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Keeps every log entry: its message, its structured values, and the scopes it was written in.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record CapturedLog(string Category, LogLevel Level, string Message, IReadOnlyList<string> Values, IReadOnlyList<string> Scopes)
    {
        public string AllText => string.Join(" | ", new[] { Category, Message }.Concat(Values).Concat(Scopes));
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? pairs.Select(p => $"{p.Key}={p.Value}").ToList() : [];
            var scopes = new List<string>();
            owner._scopes?.ForEachScope((scope, list) =>
            {
                list.Add(scope?.ToString() ?? string.Empty);
                if (scope is IEnumerable<KeyValuePair<string, object?>> scopePairs)
                {
                    list.AddRange(scopePairs.Select(p => $"{p.Key}={p.Value}"));
                }
            }, scopes);
            owner.Entries.Enqueue(new CapturedLog(category, logLevel, formatter(state, exception) + (exception is null ? "" : " " + exception), values, scopes));
        }
    }
}
