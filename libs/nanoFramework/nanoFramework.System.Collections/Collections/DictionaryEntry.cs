// Reference declarations of nanoFramework.System.Collections 1.5.67 (nanoframework/System.Collections, nanoFramework.System.Collections/Collections/DictionaryEntry.cs). Signatures only; never used at run time.

namespace System.Collections
{
    [Serializable]
    public class DictionaryEntry
    {
        public object Key;
        public object Value;

        public DictionaryEntry(object key, object value) => throw null;
    }
}
