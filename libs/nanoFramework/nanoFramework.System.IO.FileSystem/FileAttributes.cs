// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/FileAttributes.cs). Signatures only; never used at run time.

namespace System.IO
{
    [Flags]
    public enum FileAttributes
    {
        ReadOnly = 0x0001,
        Hidden = 0x0002,
        System = 0x0004,
        Directory = 0x0010,
        Archive = 0x0020,
    }
}
