using SmpAftercare.Web.Features.Admin;
using SmpAftercare.Web.Tests.Infrastructure;

namespace SmpAftercare.Web.Tests.Admin;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupSafetyTests : IDisposable
{
    private readonly AppFactory _app = new();

    private string Target => Path.Combine(_app.DataDirectory, "backups", "copy.db");

    [Fact]
    public async Task Backup_IsReadableByItsOwnerOnly()
    {
        await _app.SeedClinicAsync();

        var result = await CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, "backup", "--to", Target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Target));
    }

    [Fact]
    public async Task Backup_ToAFolder_SaysSoAndFails()
    {
        await _app.SeedClinicAsync();
        var folder = Path.Combine(_app.DataDirectory, "backups");
        Directory.CreateDirectory(folder);

        var result = await CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, "backup", "--to", folder);

        Assert.Equal(AdminCli.Failed, result.ExitCode);
        Assert.Contains($"--to: {folder} is a folder. Name the backup file", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public async Task Backup_ToAPathThatCannotBeWritten_SaysSoAndFails()
    {
        await _app.SeedClinicAsync();
        var notAFolder = Path.Combine(_app.DataDirectory, "notes.txt");
        await File.WriteAllTextAsync(notAFolder, "a file where a folder would have to be");

        var result = await CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, "backup", "--to", Path.Combine(notAFolder, "copy.db"));

        Assert.Equal(AdminCli.Failed, result.ExitCode);
        Assert.Contains("--to: cannot write", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_WithAPartialFileThere_LeavesItAndFails()
    {
        await _app.SeedClinicAsync();
        Directory.CreateDirectory(Path.GetDirectoryName(Target)!);
        await File.WriteAllTextAsync(Target + ".partial", "another backup, still running");

        var result = await CliProcess.RunAsync(_app.DataDirectory, _app.DatabasePath, "backup", "--to", Target);

        Assert.Equal(AdminCli.Failed, result.ExitCode);
        Assert.Contains("another backup to this name is running, or one was interrupted", result.Error, StringComparison.Ordinal);
        Assert.Equal("another backup, still running", await File.ReadAllTextAsync(Target + ".partial"));
        Assert.False(File.Exists(Target));
    }

    public void Dispose() => _app.Dispose();
}
