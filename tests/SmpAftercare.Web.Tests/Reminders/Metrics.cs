namespace SmpAftercare.Web.Tests.Reminders;

/// <summary>Measurements the reminder tests report (also written where a person can read them after a run).</summary>
internal static class Metrics
{
    public static string FilePath { get; } = Path.Combine(Path.GetTempPath(), "smp-tests", "reminder-metrics.txt");

    public static void Write(string name, string value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        lock (FilePath)
        {
            File.AppendAllText(FilePath, $"{TimeProvider.System.GetUtcNow():u} {name}: {value}{Environment.NewLine}");
        }
    }
}
