namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>Files the reminder tests run that are not compiled into the test assembly.</summary>
internal static class RepoPaths
{
    /// <summary>The repository root: the folder holding SmpAftercare.sln, above the test's bin folder.</summary>
    public static string Root { get; } = FindRoot();

    public static string SmtpSinkScript => Path.Combine(Root, "tests", "SmpAftercare.Web.Tests", "Reminders", "smtp_sink.py");

    /// <summary>The web app as built alongside this test assembly (same configuration: Debug or Release).</summary>
    public static string WebDll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
            var dll = Path.Combine(Root, "src", "SmpAftercare.Web", "bin", configuration, "net10.0", "SmpAftercare.Web.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the web project first: {dll} is missing.");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SmpAftercare.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No SmpAftercare.sln above {AppContext.BaseDirectory}.");
    }
}
