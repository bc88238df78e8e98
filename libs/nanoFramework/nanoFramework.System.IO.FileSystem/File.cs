// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/File.cs). Signatures only; never used at run time.

namespace System.IO
{
    public static class File
    {
        public static void Copy(string sourceFileName, string destFileName) => throw null;
        public static void Copy(string sourceFileName, string destFileName, bool overwrite) => throw null;
        public static FileStream Create(string path) => throw null;
        public static void Delete(string path) => throw null;
        public static bool Exists(string path) => throw null;
        public static FileAttributes GetAttributes(string path) => throw null;
        public static void Move(string sourceFileName, string destFileName) => throw null;
        public static FileStream OpenRead(string path) => throw null;
        public static StreamReader OpenText(string path) => throw null;
        public static FileStream OpenWrite(string path) => throw null;
        public static byte[] ReadAllBytes(string path) => throw null;
        public static string ReadAllText(string path) => throw null;
        public static void SetAttributes(string path, FileAttributes fileAttributes) => throw null;
        public static void WriteAllBytes(string path, byte[] bytes) => throw null;
        public static void WriteAllText(string path, string contents) => throw null;
    }
}
