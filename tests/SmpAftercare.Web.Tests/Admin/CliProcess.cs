using System.Diagnostics;

namespace SmpAftercare.Web.Tests.Admin;

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Output}\nstderr: {Error}";
}

/// <summary>Runs the built app (`dotnet SmpAftercare.Web.dll &lt;command&gt;`) as its own process against a test's database.</summary>
public static class CliProcess
{
    private static readonly string AppDll = Path.Combine(AppContext.BaseDirectory, "SmpAftercare.Web.dll");

    public static Task<CliResult> RunAsync(string dataDirectory, string databasePath, params string[] args) =>
        RunAsync(dataDirectory, databasePath, new Dictionary<string, string>(), args);

    /// <summary>With extra environment variables (settings such as PublicBaseUrl).</summary>
    public static async Task<CliResult> RunAsync(string dataDirectory, string databasePath, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        // The dotnet CLI tells the processes it starts (test hosts included) where its own host is.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(AppDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Default"] = $"Data Source={databasePath}";
        start.Environment["DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{string.Join(' ', args)}' did not exit: {await error}");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
