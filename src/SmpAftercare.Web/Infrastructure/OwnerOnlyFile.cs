namespace SmpAftercare.Web.Infrastructure;

/// <summary>Files beside the database (backups hold password hashes and health data) are created for their owner only.</summary>
public static class OwnerOnlyFile
{
    /// <summary>Options that create the file as 0600 on Unix (Windows has no such mode; the folder's access rules apply).</summary>
    public static FileStreamOptions Options(FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    /// <summary>Creates an empty file; fails with an IOException if it exists, never replacing it.</summary>
    public static void CreateNew(string path)
    {
        using var _ = new FileStream(path, Options(FileMode.CreateNew, FileAccess.Write));
    }
}
