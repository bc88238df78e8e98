using System;

namespace ThaliNano.Http
{
    /// <summary>An ordered list of name/value pairs with repeated names allowed; lookups scan (lists are short).</summary>
    internal sealed class NameValueList
    {
        private readonly bool ignoreCase;
        private string[] names;
        private string[] values;
        private int count;

        public NameValueList(bool ignoreCase, int capacity)
        {
            this.ignoreCase = ignoreCase;
            names = new string[capacity < 1 ? 1 : capacity];
            values = new string[names.Length];
        }

        public int Count
        {
            get { return count; }
        }

        public string NameAt(int index)
        {
            CheckIndex(index);
            return names[index];
        }

        public string ValueAt(int index)
        {
            CheckIndex(index);
            return values[index];
        }

        public void Add(string name, string value)
        {
            if (count == names.Length)
            {
                string[] largerNames = new string[count * 2];
                string[] largerValues = new string[count * 2];
                Array.Copy(names, largerNames, count);
                Array.Copy(values, largerValues, count);
                names = largerNames;
                values = largerValues;
            }

            names[count] = name;
            values[count] = value;
            count++;
        }

        /// <summary>Index of the first pair named <paramref name="name"/> at or after <paramref name="start"/>, or -1.</summary>
        public int IndexOf(string name, int start)
        {
            for (int i = start; i < count; i++)
            {
                if (NamesEqual(names[i], name))
                {
                    return i;
                }
            }

            return -1;
        }

        public string Get(string name)
        {
            int index = IndexOf(name, 0);
            return index < 0 ? null : values[index];
        }

        public int CountOf(string name)
        {
            int found = 0;
            for (int i = IndexOf(name, 0); i >= 0; i = IndexOf(name, i + 1))
            {
                found++;
            }

            return found;
        }

        public string[] GetAll(string name)
        {
            string[] all = new string[CountOf(name)];
            int next = 0;
            for (int i = IndexOf(name, 0); i >= 0; i = IndexOf(name, i + 1))
            {
                all[next++] = values[i];
            }

            return all;
        }

        public int RemoveAll(string name)
        {
            int kept = 0;
            for (int i = 0; i < count; i++)
            {
                if (!NamesEqual(names[i], name))
                {
                    names[kept] = names[i];
                    values[kept] = values[i];
                    kept++;
                }
            }

            int removed = count - kept;
            for (int i = kept; i < count; i++)
            {
                names[i] = null;
                values[i] = null;
            }

            count = kept;
            return removed;
        }

        public void Clear()
        {
            for (int i = 0; i < count; i++)
            {
                names[i] = null;
                values[i] = null;
            }

            count = 0;
        }

        private bool NamesEqual(string a, string b)
        {
            return ignoreCase ? Ascii.EqualsIgnoreCase(a, b) : a == b;
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= count)
            {
                throw new ArgumentOutOfRangeException("index");
            }
        }
    }
}
