// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/DriveInfo.cs). Signatures only; never used at run time.

namespace System.IO
{
    public sealed class DriveInfo
    {
        public DriveInfo(string driveName) => throw null;

        public DriveType DriveType
        {
            get => throw null;
            set => throw null;
        }

        public string Name
        {
            get => throw null;
            set => throw null;
        }

        public long TotalSize
        {
            get => throw null;
            set => throw null;
        }

        public static DriveInfo[] GetDrives() => throw null;
        public void Format(string fileSystem, uint parameter) => throw null;
        public void Refresh() => throw null;
        public static string[] GetFileSystems() => throw null;
        public static void MountRemovableVolumes() => throw null;
    }
}
