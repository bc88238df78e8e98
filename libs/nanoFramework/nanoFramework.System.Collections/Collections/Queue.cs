// Reference declarations of nanoFramework.System.Collections 1.5.67 (nanoframework/System.Collections, nanoFramework.System.Collections/Collections/Queue.cs). Signatures only; never used at run time.

namespace System.Collections
{
    [Serializable]
    public class Queue : ICollection, ICloneable
    {
        public Queue() => throw null;

        public virtual int Count => throw null;
        public virtual bool IsSynchronized => throw null;
        public virtual object SyncRoot => throw null;

        public virtual object Clone() => throw null;
        public virtual void Clear() => throw null;
        public virtual void CopyTo(Array array, int index) => throw null;
        public virtual void Enqueue(object obj) => throw null;
        public virtual IEnumerator GetEnumerator() => throw null;
        public virtual object Dequeue() => throw null;
        public virtual object Peek() => throw null;
        public virtual bool Contains(object obj) => throw null;
        public virtual object[] ToArray() => throw null;
    }
}
