// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/FileShare.cs). Signatures only; never used at run time.

namespace System.IO
{
    [Flags]
    public enum FileShare
    {
        None = 0x00,
        Read = 0x01,
        Write = 0x02,
        ReadWrite = 0x03,
    }
}
