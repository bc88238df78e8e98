// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/Directory.cs). Signatures only; never used at run time.

namespace System.IO
{
    public static class Directory
    {
        public static DirectoryInfo CreateDirectory(string path) => throw null;
        public static void Delete(string path) => throw null;
        public static void Delete(string path, bool recursive) => throw null;
        public static bool Exists(string path) => throw null;
        public static string[] GetFiles(string path) => throw null;
        public static string[] GetDirectories(string path) => throw null;
        public static string GetCurrentDirectory() => throw null;
        public static void Move(string sourceDirName, string destDirName) => throw null;
        public static void SetCurrentDirectory(string path) => throw null;
    }
}
