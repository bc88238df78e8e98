// Reference declarations of nanoFramework.System.Collections 1.5.67 (nanoframework/System.Collections, nanoFramework.System.Collections/Collections/IDictionary.cs). Signatures only; never used at run time.

namespace System.Collections
{
    public interface IDictionary : ICollection
    {
        bool IsReadOnly { get; }
        bool IsFixedSize { get; }
        ICollection Keys { get; }
        ICollection Values { get; }
        object this[object key] { get; set; }

        void Add(object key, object value);
        void Clear();
        bool Contains(object key);
        void Remove(object key);
    }
}
