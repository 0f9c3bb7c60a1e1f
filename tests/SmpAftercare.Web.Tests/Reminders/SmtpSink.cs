using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>One message as the test SMTP server received it.</summary>
public sealed record ReceivedMail(double At, string From, string[] To, string Subject, string? Reminder, string? MessageId, string? ListUnsubscribe, string? ListUnsubscribePost, string Body);

/// <summary>
/// A real SMTP server in its own process (aiosmtpd, tests/.../smtp_sink.py) on a free local port. Recipients pick
/// faults by their local part: bounce* gets 550, busy* gets 451, flakyN* gets 451 for the first N attempts.
/// </summary>
public sealed class SmtpSink : IAsyncLifetime
{
    /// <summary>Debian's python3 has aiosmtpd; the python3 on PATH may be a build without it.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private Process? _process;

    public int Port { get; private set; }

    public string OutputPath { get; } = Path.Combine(Path.GetTempPath(), "smp-tests", $"smtp-{Guid.NewGuid():N}.jsonl");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(OutputPath)!);
        File.WriteAllText(OutputPath, string.Empty);
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            var start = new ProcessStartInfo(Python)
            {
                ArgumentList = { RepoPaths.SmtpSinkScript, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", OutputPath, "--exit-on-stdin-eof" },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the SMTP sink.");
            var ready = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(15));
            if (ready?.StartsWith("ready", StringComparison.Ordinal) == true)
            {
                return;
            }

            var error = await _process.StandardError.ReadToEndAsync();
            await DisposeAsync();
            if (attempt == 2)
            {
                throw new InvalidOperationException($"The SMTP sink did not start: {error}");
            }
        }
    }

    public IReadOnlyList<ReceivedMail> Messages()
    {
        using var stream = new FileStream(OutputPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var messages = new List<ReceivedMail>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line.EndsWith('}'))
            {
                messages.Add(JsonSerializer.Deserialize<ReceivedMail>(line, Json)!);
            }
        }

        return messages;
    }

    public IReadOnlyList<ReceivedMail> To(string address) =>
        [.. Messages().Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase))];

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(3000))
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process?.Dispose();
        _process = null;
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
