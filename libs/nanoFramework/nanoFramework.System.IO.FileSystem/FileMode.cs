// Reference declarations of nanoFramework.System.IO.FileSystem 1.1.87 (nanoframework/System.IO.FileSystem, System.IO.FileSystem/FileMode.cs). Signatures only; never used at run time.

namespace System.IO
{
    [Serializable]
    public enum FileMode
    {
        CreateNew = 1,
        Create = 2,
        Open = 3,
        OpenOrCreate = 4,
        Truncate = 5,
        Append = 6,
    }
}
