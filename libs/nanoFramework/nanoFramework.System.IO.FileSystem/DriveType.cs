// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/DriveType .cs). Signatures only; never used at run time.

namespace System.IO
{
    public enum DriveType
    {
        Unknown = 0,
        NoRootDirectory = 1,
        Removable = 2,
        Fixed = 3,
        Ram = 4
    }
}
