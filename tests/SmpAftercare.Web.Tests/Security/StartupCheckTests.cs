using SmpAftercare.Web.Tests.Admin;

namespace SmpAftercare.Web.Tests.Security;

/// <summary>The built app started as a process with a broken setting: it refuses to start and says why.</summary>
public sealed class StartupCheckTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "smp-tests", Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("PublicBaseUrl", "javascript:alert(1)", "PublicBaseUrl is 'javascript:alert(1)': set it to the address clients open the app at")]
    [InlineData("PublicBaseUrl", "smp.example.com", "PublicBaseUrl is 'smp.example.com'")]
    [InlineData("ClientLink__RateLimit__PermitLimit", "sixty", "ClientLink:RateLimit:PermitLimit is 'sixty': it must be a whole number from 1 to 1000000.")]
    [InlineData("ReverseProxy__KnownProxies__0", "proxy.internal", "ReverseProxy lists 'proxy.internal'")]
    public async Task BrokenSetting_StopsTheAppWithASentence(string variable, string value, string expected)
    {
        Directory.CreateDirectory(_data);
        var database = Path.Combine(_data, "app.db");

        var result = await CliProcess.RunAsync(_data, database, new Dictionary<string, string> { [variable] = value }, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Contains("SmpAftercare did not start", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal); // no stack trace
        Assert.False(File.Exists(database), "Nothing is created before the settings are right.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
