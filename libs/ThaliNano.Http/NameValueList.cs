using System;

namespace ThaliNano.Http
{
    /// <summary>An ordered list of name/value pairs with repeated names allowed; lookups scan (lists are short).</summary>
    internal sealed class NameValueList
    {
        private readonly bool _ignoreCase;
        private string[] _names;
        private string[] _values;
        private int _count;

        public NameValueList(bool ignoreCase, int capacity)
        {
            this._ignoreCase = ignoreCase;
            _names = new string[capacity < 1 ? 1 : capacity];
            _values = new string[_names.Length];
        }

        public int Count
        {
            get { return _count; }
        }

        public string NameAt(int index)
        {
            CheckIndex(index);
            return _names[index];
        }

        public string ValueAt(int index)
        {
            CheckIndex(index);
            return _values[index];
        }

        public void Add(string name, string value)
        {
            if (_count == _names.Length)
            {
                string[] largerNames = new string[_count * 2];
                string[] largerValues = new string[_count * 2];
                Array.Copy(_names, largerNames, _count);
                Array.Copy(_values, largerValues, _count);
                _names = largerNames;
                _values = largerValues;
            }

            _names[_count] = name;
            _values[_count] = value;
            _count++;
        }

        /// <summary>Index of the first pair named <paramref name="name"/> at or after <paramref name="start"/>, or -1.</summary>
        public int IndexOf(string name, int start)
        {
            for (int i = start; i < _count; i++)
            {
                if (NamesEqual(_names[i], name))
                {
                    return i;
                }
            }

            return -1;
        }

        public string Get(string name)
        {
            int index = IndexOf(name, 0);
            return index < 0 ? null : _values[index];
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
                all[next++] = _values[i];
            }

            return all;
        }

        public int RemoveAll(string name)
        {
            int kept = 0;
            for (int i = 0; i < _count; i++)
            {
                if (!NamesEqual(_names[i], name))
                {
                    _names[kept] = _names[i];
                    _values[kept] = _values[i];
                    kept++;
                }
            }

            int removed = _count - kept;
            for (int i = kept; i < _count; i++)
            {
                _names[i] = null;
                _values[i] = null;
            }

            _count = kept;
            return removed;
        }

        public void Clear()
        {
            for (int i = 0; i < _count; i++)
            {
                _names[i] = null;
                _values[i] = null;
            }

            _count = 0;
        }

        private bool NamesEqual(string a, string b)
        {
            return _ignoreCase ? Ascii.EqualsIgnoreCase(a, b) : a == b;
        }

        private void CheckIndex(int index)
        {
            if (index < 0 || index >= _count)
            {
                throw new ArgumentOutOfRangeException("index");
            }
        }
    }
}
