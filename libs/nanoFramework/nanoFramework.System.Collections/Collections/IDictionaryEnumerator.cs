// Reference declarations of nanoFramework.System.Collections 1.5.67 (nanoframework/System.Collections, nanoFramework.System.Collections/Collections/IDictionaryEnumerator.cs). Signatures only; never used at run time.

namespace System.Collections
{
    public interface IDictionaryEnumerator : IEnumerator
    {
        object Key { get; }
        object Value { get; }
        DictionaryEntry Entry { get; }
    }
}
