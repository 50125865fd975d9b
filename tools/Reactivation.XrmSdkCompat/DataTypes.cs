using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>A pointer to a row by id or by alternate key. Name is display text only and never takes part in equality.</summary>
    public sealed class EntityReference : IExtensibleDataObject
    {
        private KeyAttributeCollection? _keyAttributes;

        public EntityReference() => LogicalName = null!;

        public EntityReference(string logicalName) => LogicalName = logicalName;

        public EntityReference(string logicalName, Guid id)
        {
            LogicalName = logicalName;
            Id = id;
        }

        public EntityReference(string logicalName, string keyName, object keyValue)
        {
            LogicalName = logicalName;
            KeyAttributes[keyName] = keyValue;
        }

        public EntityReference(string logicalName, KeyAttributeCollection keyAttributeCollection)
        {
            LogicalName = logicalName;
            KeyAttributes = keyAttributeCollection;
        }

        public Guid Id { get; set; }

        public string LogicalName { get; set; }

        public string? Name { get; set; }

        public KeyAttributeCollection KeyAttributes
        {
            get => _keyAttributes ??= new KeyAttributeCollection();
            set => _keyAttributes = value;
        }

        public string? RowVersion { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }

        public override bool Equals(object? obj)
        {
            if (ReferenceEquals(this, obj))
            {
                return true;
            }

            return obj is EntityReference other
                && Id == other.Id
                && string.Equals(LogicalName, other.LogicalName, StringComparison.Ordinal)
                && SameKeys(_keyAttributes, other._keyAttributes);
        }

        public override int GetHashCode() =>
            Id.GetHashCode() ^ (LogicalName == null ? 0 : StringComparer.Ordinal.GetHashCode(LogicalName));

        private static bool SameKeys(KeyAttributeCollection? left, KeyAttributeCollection? right)
        {
            var leftCount = left?.Count ?? 0;
            var rightCount = right?.Count ?? 0;
            if (leftCount != rightCount)
            {
                return false;
            }

            if (leftCount == 0)
            {
                return true;
            }

            foreach (var pair in left!)
            {
                if (!right!.TryGetValue(pair.Key, out var value) || !Equals(pair.Value, value))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>A choice value; equal when the numbers are equal.</summary>
    public sealed class OptionSetValue : IExtensibleDataObject
    {
        public OptionSetValue()
        {
        }

        public OptionSetValue(int value) => Value = value;

        public int Value { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }

        public override bool Equals(object? obj) => obj is OptionSetValue other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    /// <summary>A currency amount; equal when the amounts are equal.</summary>
    public sealed class Money : IExtensibleDataObject
    {
        public Money()
        {
        }

        public Money(decimal value) => Value = value;

        public decimal Value { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }

        public override bool Equals(object? obj) => obj is Money other && other.Value == Value;

        public override int GetHashCode() => Value.GetHashCode();
    }

    /// <summary>A column from a linked table or an aggregate, as returned by a query. Only the platform sets it.</summary>
    public sealed class AliasedValue : IExtensibleDataObject
    {
        public AliasedValue()
        {
            AttributeLogicalName = null!;
            EntityLogicalName = null!;
        }

        public AliasedValue(string entityLogicalName, string attributeLogicalName, object? value)
        {
            EntityLogicalName = entityLogicalName;
            AttributeLogicalName = attributeLogicalName;
            Value = value;
        }

        public string AttributeLogicalName { get; internal set; }

        public string EntityLogicalName { get; internal set; }

        public object? Value { get; internal set; }

        public ExtensionDataObject? ExtensionData { get; set; }
    }

    public enum EntityRole
    {
        Referencing,
        Referenced,
    }

    public sealed class Relationship : IExtensibleDataObject
    {
        public Relationship() => SchemaName = null!;

        public Relationship(string schemaName) => SchemaName = schemaName;

        public string SchemaName { get; set; }

        /// <summary>Only needed for self-referencing relationships.</summary>
        public EntityRole? PrimaryEntityRole { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }

        // Schema names compared ordinally (UNVERIFIED whether the real type ignores case); role must match too.
        public override bool Equals(object? obj) =>
            obj is Relationship other
            && string.Equals(SchemaName, other.SchemaName, StringComparison.Ordinal)
            && PrimaryEntityRole == other.PrimaryEntityRole;

        public override int GetHashCode() => SchemaName == null ? 0 : StringComparer.Ordinal.GetHashCode(SchemaName);

        public override string ToString() => SchemaName ?? string.Empty;
    }

    public enum ConcurrencyBehavior
    {
        Default,
        IfRowVersionMatches,
        AlwaysOverwrite,
    }

    /// <summary>A page of rows from RetrieveMultiple.</summary>
    public sealed class EntityCollection : IExtensibleDataObject
    {
        public EntityCollection() => Entities = new DataCollection<Entity>();

        public EntityCollection(IList<Entity> list) => Entities = new DataCollection<Entity>(list);

        public DataCollection<Entity> Entities { get; }

        public bool MoreRecords { get; set; }

        public string? PagingCookie { get; set; }

        public string? MinActiveRowVersion { get; set; }

        public int TotalRecordCount { get; set; }

        public bool TotalRecordCountLimitExceeded { get; set; }

        public string? EntityName { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }

        public Entity this[int index]
        {
            get => Entities[index];
            set => Entities[index] = value;
        }
    }
}
