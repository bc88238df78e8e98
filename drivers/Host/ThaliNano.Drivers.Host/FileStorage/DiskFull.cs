using ThaliNano.Store;

namespace ThaliNano.Drivers.Host.FileStorage;

/// <summary>Recognizes the host's "no space left" errors and turns them into the store's 507 exception.</summary>
internal static class DiskFull
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int ErrorHandleDiskFull = 39;
    private const int ErrorDiskFull = 112;

    /// <summary>ENOSPC or EDQUOT (the HResult .NET gives on Unix is the errno), ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL on Windows.</summary>
    public static bool Is(IOException e)
    {
        if (OperatingSystem.IsWindows())
        {
            int code = e.HResult & 0xFFFF;
            return code == ErrorDiskFull || code == ErrorHandleDiskFull;
        }

        return e.HResult == Enospc || e.HResult == Edquot;
    }

    public static bool IsErrno(int errno) => errno == Enospc || errno == Edquot;

    public static InsufficientStorageException Exception(string path, IOException e) =>
        new("the disk is full: " + Path.GetFileName(path) + " could not be written (" + e.Message + ")");
}
