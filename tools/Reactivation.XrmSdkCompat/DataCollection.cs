using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A list of SDK values. Constructors are internal in the real SDK; the public subclasses are how callers make one.</summary>
    public class DataCollection<T> : Collection<T>
    {
        internal DataCollection()
        {
        }

        // Wraps the list rather than copying it, as Collection<T> does.
        internal DataCollection(IList<T> list)
            : base(list)
        {
        }

        public void AddRange(params T[] items) => AddRange((IEnumerable<T>)items);

        public void AddRange(IEnumerable<T> items)
        {
            if (items == null)
            {
                return;
            }

            foreach (var item in items)
            {
                Add(item);
            }
        }

        public T[] ToArray()
        {
            var array = new T[Count];
            CopyTo(array, 0);
            return array;
        }
    }

    /// <summary>
    /// A dictionary-like SDK collection (attributes, parameters, images, formatted values, keys).
    /// Keys use the default comparer, so string keys are case-sensitive.
    /// </summary>
    [SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Real SDK name.")]
    public abstract class DataCollection<TKey, TValue> : IEnumerable<KeyValuePair<TKey, TValue>>
        where TKey : notnull
    {
        internal const string ReadOnlyMessage = "The collection is read-only.";

        private readonly Dictionary<TKey, TValue> _items;

        protected internal DataCollection() => _items = new Dictionary<TKey, TValue>();

        protected internal DataCollection(IDictionary<TKey, TValue> collection) => _items = new Dictionary<TKey, TValue>(collection);

        public int Count => _items.Count;

        public ICollection<TKey> Keys => _items.Keys;

        public ICollection<TValue> Values => _items.Values;

        /// <summary>Set by the platform for collections the caller must not change (e.g. images, output of a read-only context).</summary>
        public virtual bool IsReadOnly { get; internal set; }

        [SuppressMessage("Design", "CA1065:Do not raise exceptions in unexpected locations", Justification = "Real SDK behaviour: a missing key throws KeyNotFoundException.")]
        public virtual TValue this[TKey key]
        {
            get => _items[key];
            set
            {
                ThrowIfReadOnly();
                _items[key] = value;
            }
        }

        public void Add(KeyValuePair<TKey, TValue> item) => Add(item.Key, item.Value);

        public void Add(TKey key, TValue value)
        {
            ThrowIfReadOnly();
            _items.Add(key, value);
        }

        public void AddRange(params KeyValuePair<TKey, TValue>[] items) => AddRange((IEnumerable<KeyValuePair<TKey, TValue>>)items);

        public void AddRange(IEnumerable<KeyValuePair<TKey, TValue>> items)
        {
            if (items == null)
            {
                return;
            }

            ThrowIfReadOnly();
            foreach (var item in items)
            {
                _items.Add(item.Key, item.Value);
            }
        }

        public void Clear()
        {
            ThrowIfReadOnly();
            _items.Clear();
        }

        public bool Contains(TKey key) => _items.ContainsKey(key);

        public bool Contains(KeyValuePair<TKey, TValue> key) => ((ICollection<KeyValuePair<TKey, TValue>>)_items).Contains(key);

        public bool ContainsKey(TKey key) => _items.ContainsKey(key);

        public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);

        public void CopyTo(KeyValuePair<TKey, TValue>[] array, int arrayIndex) => ((ICollection<KeyValuePair<TKey, TValue>>)_items).CopyTo(array, arrayIndex);

        public bool Remove(TKey key)
        {
            ThrowIfReadOnly();
            return _items.Remove(key);
        }

        public bool Remove(KeyValuePair<TKey, TValue> item)
        {
            ThrowIfReadOnly();
            return ((ICollection<KeyValuePair<TKey, TValue>>)_items).Remove(item);
        }

        public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => _items.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        private void ThrowIfReadOnly()
        {
            if (IsReadOnly)
            {
                throw new InvalidOperationException(ReadOnlyMessage);
            }
        }
    }
}
