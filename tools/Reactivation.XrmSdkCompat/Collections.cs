using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Microsoft.Xrm.Sdk
{
    /// <summary>The columns of a row: logical name (case-sensitive) to value; a null value means "set to null".</summary>
    public sealed class AttributeCollection : DataCollection<string, object?>
    {
        public AttributeCollection()
        {
        }

        public AttributeCollection(IDictionary<string, object?> dictionary)
            : base(dictionary)
        {
        }
    }

    /// <summary>Request parameters, response results, InputParameters/OutputParameters/SharedVariables.</summary>
    public class ParameterCollection : DataCollection<string, object?>
    {
        public ParameterCollection()
        {
        }

        public ParameterCollection(IDictionary<string, object?> dictionary)
            : base(dictionary)
        {
        }

        public void AddOrUpdateIfNotNull(string key, object? obj)
        {
            if (obj != null)
            {
                this[key] = obj;
            }
        }

        /// <summary>
        /// False when the key is missing or the value is not a T (including null); never throws for a wrong type.
        /// This is the most plausible reading of the real method (an "is T" test, not a cast).
        /// </summary>
        public bool TryGetValue<T>(string key, [MaybeNullWhen(false)] out T value)
        {
            if (TryGetValue(key, out var raw) && raw is T typed)
            {
                value = typed;
                return true;
            }

            value = default;
            return false;
        }
    }

    /// <summary>Pre/post images keyed by the alias registered on the step.</summary>
    public class EntityImageCollection : DataCollection<string, Entity>
    {
        public EntityImageCollection()
        {
        }

        public EntityImageCollection(IDictionary<string, Entity> dictionary)
            : base(dictionary)
        {
        }
    }

    public sealed class FormattedValueCollection : DataCollection<string, string>
    {
        public FormattedValueCollection()
        {
        }

        public FormattedValueCollection(IDictionary<string, string> dictionary)
            : base(dictionary)
        {
        }
    }

    /// <summary>Alternate-key values identifying a row.</summary>
    public sealed class KeyAttributeCollection : DataCollection<string, object>
    {
        public KeyAttributeCollection()
        {
        }

        public KeyAttributeCollection(IDictionary<string, object> dictionary)
            : base(dictionary)
        {
        }
    }

    /// <summary>Related rows per relationship (deep insert / retrieve with related entities).</summary>
    public sealed class RelatedEntityCollection : DataCollection<Relationship, EntityCollection>
    {
        internal RelatedEntityCollection()
        {
        }

        public override bool IsReadOnly
        {
            get => base.IsReadOnly;
            internal set => base.IsReadOnly = value;
        }
    }

    /// <summary>Extra detail on a fault, e.g. "Retry-After" (TimeSpan) or "OperationStatus".</summary>
    public sealed class ErrorDetailCollection : DataCollection<string, object>
    {
    }

    public sealed class EntityReferenceCollection : DataCollection<EntityReference>
    {
        public EntityReferenceCollection()
        {
        }

        public EntityReferenceCollection(IList<EntityReference> list)
            : base(list)
        {
        }
    }

    public sealed class OptionSetValueCollection : DataCollection<OptionSetValue>
    {
        public OptionSetValueCollection()
        {
        }

        public OptionSetValueCollection(IList<OptionSetValue> list)
            : base(list)
        {
        }
    }

    public sealed class OrganizationRequestCollection : DataCollection<OrganizationRequest>
    {
    }

    public sealed class OrganizationResponseCollection : DataCollection<OrganizationResponse>
    {
    }

    public sealed class ExecuteMultipleResponseItemCollection : DataCollection<ExecuteMultipleResponseItem>
    {
    }
}
