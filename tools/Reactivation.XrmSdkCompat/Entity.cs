using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk
{
    public enum EntityState
    {
        Unchanged,
        Created,
        Changed,
    }

    /// <summary>A row: logical name, id and a case-sensitive bag of column values.</summary>
    public class Entity : IExtensibleDataObject
    {
        private AttributeCollection? _attributes;
        private FormattedValueCollection? _formattedValues;
        private RelatedEntityCollection? _relatedEntities;
        private KeyAttributeCollection? _keyAttributes;

        public Entity()
        {
            // The real SDK leaves LogicalName null until someone sets it.
            LogicalName = null!;
        }

        public Entity(string entityName) => LogicalName = entityName;

        public Entity(string entityName, Guid id)
        {
            LogicalName = entityName;
            Id = id;
        }

        public Entity(string entityName, string keyName, object keyValue)
        {
            LogicalName = entityName;
            KeyAttributes[keyName] = keyValue;
        }

        public Entity(string entityName, KeyAttributeCollection keyAttributes)
        {
            LogicalName = entityName;
            KeyAttributes = keyAttributes;
        }

        public string LogicalName { get; set; }

        public virtual Guid Id { get; set; }

        [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Real SDK shape.")]
        public AttributeCollection Attributes
        {
            get => _attributes ??= new AttributeCollection();
            set => _attributes = value;
        }

        public EntityState? EntityState { get; set; }

        public FormattedValueCollection FormattedValues
        {
            get => _formattedValues ??= new FormattedValueCollection();
            internal set => _formattedValues = value;
        }

        public RelatedEntityCollection RelatedEntities
        {
            get => _relatedEntities ??= new RelatedEntityCollection();
            internal set => _relatedEntities = value;
        }

        public string? RowVersion { get; set; }

        [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Real SDK shape.")]
        public KeyAttributeCollection KeyAttributes
        {
            get => _keyAttributes ??= new KeyAttributeCollection();
            set => _keyAttributes = value;
        }

        public ExtensionDataObject? ExtensionData { get; set; }

        /// <summary>Get throws KeyNotFoundException for a column that is not in Attributes; set adds or replaces.</summary>
        public object? this[string attributeName]
        {
            get => Attributes[attributeName];
            set => Attributes[attributeName] = value;
        }

        public bool Contains(string attributeName) => Attributes.Contains(attributeName);

        /// <summary>Missing or null gives default(T); any other value is cast hard, so a wrong type throws InvalidCastException.</summary>
        public virtual T GetAttributeValue<T>(string attributeLogicalName)
        {
            if (Attributes.TryGetValue(attributeLogicalName, out var value) && value != null)
            {
                return (T)value;
            }

            return default!;
        }

        /// <summary>True only when the column is present and its value is a T; a null value or another type gives false.</summary>
        public bool TryGetAttributeValue<T>(string attributeKey, [MaybeNullWhen(false)] out T result)
        {
            if (Attributes.TryGetValue(attributeKey, out var value) && value is T typed)
            {
                result = typed;
                return true;
            }

            result = default;
            return false;
        }

        public EntityReference ToEntityReference() => new EntityReference(LogicalName, Id)
        {
            RowVersion = RowVersion,
        };

        /// <summary>
        /// A view of this row as T. Like the real SDK the copy is shallow: it shares the attribute,
        /// formatted-value, related-entity and key collections with this row. The real SDK checks T's
        /// EntityLogicalNameAttribute (not part of the stand-in); here the logical name an early-bound
        /// class sets in its constructor is checked instead.
        /// </summary>
        public T ToEntity<T>()
            where T : Entity
        {
            if (typeof(T) == typeof(Entity))
            {
                var copy = new Entity();
                ShallowCopyTo(copy);
                return (T)copy;
            }

            if (string.IsNullOrWhiteSpace(LogicalName))
            {
                throw new NotSupportedException("LogicalName must be set before calling ToEntity()");
            }

            var target = Activator.CreateInstance<T>();
            if (!string.IsNullOrEmpty(target.LogicalName) && !string.Equals(target.LogicalName, LogicalName, StringComparison.Ordinal))
            {
                throw new NotSupportedException("Cannot convert entity " + LogicalName + " to " + target.LogicalName);
            }

            ShallowCopyTo(target);
            return target;
        }

        internal void ShallowCopyTo(Entity target)
        {
            target.LogicalName = LogicalName;
            target.Id = Id;
            target._attributes = Attributes;
            target._formattedValues = FormattedValues;
            target._relatedEntities = RelatedEntities;
            target._keyAttributes = KeyAttributes;
            target.EntityState = EntityState;
            target.RowVersion = RowVersion;
            target.ExtensionData = ExtensionData;
        }

        protected virtual void SetAttributeValue(string attributeLogicalName, object? value) => Attributes[attributeLogicalName] = value;

        /// <summary>The platform's display text for a column, or null when there is none.</summary>
        protected virtual string? GetFormattedAttributeValue(string attributeLogicalName) =>
            FormattedValues.TryGetValue(attributeLogicalName, out var text) ? text : null;
    }
}
