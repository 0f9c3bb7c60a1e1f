using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>One message as the test SMTP server received it.</summary>
/// <param name="Peer">The client's source port: messages with the same port came over the same connection.</param>
public sealed record ReceivedMail(double At, string From, string[] To, string Subject, string? Reminder, string? MessageId, string? ListUnsubscribe,
    string? ListUnsubscribePost, string Body, string? Html, string[] Headers, int Peer, bool Tls, string? Login);

/// <summary>
/// A real SMTP server in its own process (aiosmtpd, tests/.../smtp_sink.py) on a free local port. Recipients pick
/// faults by their local part: bounce* gets 550, busy* gets 451, flakyN* gets 451 for the first N attempts.
/// With a TLS mode it presents a self-signed certificate made for the run (<see cref="Certificate"/>).
/// </summary>
public sealed class SmtpSink : IAsyncLifetime, IAsyncDisposable
{
    private readonly TlsMode _tls;
    private readonly string? _login;

    public SmtpSink()
        : this(TlsMode.None, null)
    {
    }

    /// <param name="login">USER:PASSWORD the server requires, or null for none.</param>
    internal SmtpSink(TlsMode tls, string? login)
    {
        _tls = tls;
        _login = login;
    }

    public enum TlsMode
    {
        None,
        StartTls,
        Implicit,
    }

    /// <summary>Debian's python3 has aiosmtpd; the python3 on PATH may be a build without it.</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private Process? _process;

    public int Port { get; private set; }

    /// <summary>The server's certificate when it speaks TLS.</summary>
    public X509Certificate2? Certificate { get; private set; }

    public string OutputPath { get; } = Path.Combine(Path.GetTempPath(), "smp-tests", $"smtp-{Guid.NewGuid():N}.jsonl");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(OutputPath)!);
        File.WriteAllText(OutputPath, string.Empty);
        var tlsArguments = _tls == TlsMode.None ? [] : WriteCertificate();
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
            foreach (var argument in tlsArguments.Concat(_login is null ? [] : ["--auth", _login]))
            {
                start.ArgumentList.Add(argument);
            }

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

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

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

    /// <summary>A self-signed certificate for 127.0.0.1, written as PEM files for the server.</summary>
    private string[] WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=smp-test-smtp", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        Certificate = X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert));
        var certPath = Path.ChangeExtension(OutputPath, ".crt.pem");
        var keyPath = Path.ChangeExtension(OutputPath, ".key.pem");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return ["--cert", certPath, "--key", keyPath, "--tls", _tls == TlsMode.StartTls ? "starttls" : "implicit"];
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
