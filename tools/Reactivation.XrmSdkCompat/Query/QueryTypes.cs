using System.Collections;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Serialization;

namespace Microsoft.Xrm.Sdk.Query
{
    public abstract class QueryBase : IExtensibleDataObject
    {
        internal QueryBase()
        {
        }

        public ExtensionDataObject? ExtensionData { get; set; }
    }

    /// <summary>A query tree: table, columns, criteria, links, order and paging.</summary>
    public sealed class QueryExpression : QueryBase
    {
        public QueryExpression()
            : this(null!)
        {
        }

        /// <summary>Starts with empty criteria, first-page paging and an EMPTY column set (no columns, not all columns).</summary>
        public QueryExpression(string entityName)
        {
            EntityName = entityName;
            Criteria = new FilterExpression();
            PageInfo = new PagingInfo();
            ColumnSet = new ColumnSet();
        }

        public bool Distinct { get; set; }

        public bool NoLock { get; set; }

        public QueryExpression? SubQueryExpression { get; set; }

        public PagingInfo PageInfo { get; set; }

        public string? QueryHints { get; set; }

        public string? DataSource { get; set; }

        public DataCollection<LinkEntity> LinkEntities { get; } = new DataCollection<LinkEntity>();

        public FilterExpression Criteria { get; set; }

        public DataCollection<OrderExpression> Orders { get; } = new DataCollection<OrderExpression>();

        public string EntityName { get; set; }

        public ColumnSet ColumnSet { get; set; }

        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType) => Orders.Add(new OrderExpression(attributeName, orderType));

        public void AddOrder(string attributeName, OrderType orderType, string alias, string entityName) =>
            Orders.Add(new OrderExpression(attributeName, orderType, alias, entityName));

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName) =>
            AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(EntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    /// <summary>A query by equality on columns: Attributes[i] == Values[i], all combined with AND.</summary>
    public sealed class QueryByAttribute : QueryBase
    {
        public QueryByAttribute()
        {
            ColumnSet = new ColumnSet();
            PageInfo = new PagingInfo();
            EntityName = null!;
        }

        /// <summary>Sets EntityName only: in the real SDK ColumnSet and PageInfo stay null with this constructor.</summary>
        public QueryByAttribute(string entityName) => EntityName = entityName;

        public string EntityName { get; set; }

        public DataCollection<string> Attributes { get; } = new DataCollection<string>();

        public DataCollection<object> Values { get; } = new DataCollection<object>();

        public PagingInfo? PageInfo { get; set; }

        public ColumnSet? ColumnSet { get; set; }

        public DataCollection<OrderExpression> Orders { get; } = new DataCollection<OrderExpression>();

        public int? TopCount { get; set; }

        public void AddOrder(string attributeName, OrderType orderType) => Orders.Add(new OrderExpression(attributeName, orderType));

        public void AddAttributeValue(string attributeName, object value)
        {
            Attributes.Add(attributeName);
            Values.Add(value);
        }
    }

    /// <summary>Which columns to return: a list, or AllColumns.</summary>
    public sealed class ColumnSet : IExtensibleDataObject
    {
        public ColumnSet() => Columns = new DataCollection<string>();

        public ColumnSet(bool allColumns)
            : this() => AllColumns = allColumns;

        public ColumnSet(params string[] columns)
            : this() => Columns.AddRange(columns);

        public bool AllColumns { get; set; }

        [SuppressMessage("Usage", "CA2227:Collection properties should be read only", Justification = "Real SDK shape.")]
        public DataCollection<string> Columns { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }

        public void AddColumns(params string[] columns) => Columns.AddRange(columns);

        public void AddColumn(string column) => Columns.Add(column);
    }

    /// <summary>Conditions and child filters combined with AND or OR.</summary>
    public sealed class FilterExpression : IExtensibleDataObject
    {
        public FilterExpression()
        {
        }

        public FilterExpression(LogicalOperator filterOperator) => FilterOperator = filterOperator;

        public LogicalOperator FilterOperator { get; set; }

        public string? FilterHint { get; set; }

        public bool IsQuickFindFilter { get; set; }

        public DataCollection<ConditionExpression> Conditions { get; } = new DataCollection<ConditionExpression>();

        public DataCollection<FilterExpression> Filters { get; } = new DataCollection<FilterExpression>();

        public ExtensionDataObject? ExtensionData { get; set; }

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, params object[] values) =>
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, values));

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values) =>
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, values));

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value) =>
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, compareColumns, value));

        public void AddCondition(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values) =>
            Conditions.Add(new ConditionExpression(attributeName, conditionOperator, compareColumns, values));

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value) =>
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, value));

        public void AddCondition(string entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values) =>
            Conditions.Add(new ConditionExpression(entityName, attributeName, conditionOperator, compareColumns, values));

        public void AddCondition(ConditionExpression condition) => Conditions.Add(condition);

        public FilterExpression AddFilter(LogicalOperator logicalOperator)
        {
            var child = new FilterExpression(logicalOperator);
            Filters.Add(child);
            return child;
        }

        public void AddFilter(FilterExpression childFilter)
        {
            if (childFilter != null)
            {
                Filters.Add(childFilter);
            }
        }
    }

    /// <summary>One test on a column. With CompareColumns the value is the name of the other column.</summary>
    public sealed class ConditionExpression : IExtensibleDataObject
    {
        public ConditionExpression()
        {
            AttributeName = null!;
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(null, attributeName, conditionOperator, false, values)
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, params object[] values)
            : this(entityName, attributeName, conditionOperator, false, values)
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, object value)
            : this(null, attributeName, conditionOperator, false, value)
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator, object value)
            : this(entityName, attributeName, conditionOperator, false, value)
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator)
            : this(null, attributeName, conditionOperator, false, System.Array.Empty<object>())
        {
        }

        public ConditionExpression(string entityName, string attributeName, ConditionOperator conditionOperator)
            : this(entityName, attributeName, conditionOperator, false, System.Array.Empty<object>())
        {
        }

        /// <summary>Each element of the collection becomes one value (so an int[] works for In).</summary>
        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, ICollection values)
            : this(null, attributeName, conditionOperator, false, System.Array.Empty<object>())
        {
            if (values != null)
            {
                foreach (var value in values)
                {
                    Values.Add(value);
                }
            }
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
            : this(null, attributeName, conditionOperator, compareColumns, value)
        {
        }

        public ConditionExpression(string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
            : this(null, attributeName, conditionOperator, compareColumns, values)
        {
        }

        public ConditionExpression(string? entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object value)
        {
            EntityName = entityName;
            AttributeName = attributeName;
            Operator = conditionOperator;
            CompareColumns = compareColumns;
            Values.Add(value);
        }

        public ConditionExpression(string? entityName, string attributeName, ConditionOperator conditionOperator, bool compareColumns, object[] values)
        {
            EntityName = entityName;
            AttributeName = attributeName;
            Operator = conditionOperator;
            CompareColumns = compareColumns;
            if (values != null)
            {
                Values.AddRange(values);
            }
        }

        public string? EntityName { get; set; }

        public bool CompareColumns { get; set; }

        public string AttributeName { get; set; }

        public ConditionOperator Operator { get; set; }

        public DataCollection<object> Values { get; } = new DataCollection<object>();

        public ExtensionDataObject? ExtensionData { get; set; }
    }

    /// <summary>A join from the parent table (or link) to another table.</summary>
    public sealed class LinkEntity : IExtensibleDataObject
    {
        public LinkEntity()
            : this(null!, null!, null!, null!, JoinOperator.Inner)
        {
        }

        public LinkEntity(string linkFromEntityName, string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            LinkFromEntityName = linkFromEntityName;
            LinkToEntityName = linkToEntityName;
            LinkFromAttributeName = linkFromAttributeName;
            LinkToAttributeName = linkToAttributeName;
            JoinOperator = joinOperator;
            LinkCriteria = new FilterExpression();
            Columns = new ColumnSet();
        }

        public string LinkFromAttributeName { get; set; }

        public string LinkFromEntityName { get; set; }

        public string LinkToEntityName { get; set; }

        public string LinkToAttributeName { get; set; }

        public JoinOperator JoinOperator { get; set; }

        public FilterExpression LinkCriteria { get; set; }

        public DataCollection<LinkEntity> LinkEntities { get; } = new DataCollection<LinkEntity>();

        public ColumnSet Columns { get; set; }

        public string? EntityAlias { get; set; }

        public DataCollection<OrderExpression> Orders { get; } = new DataCollection<OrderExpression>();

        public ExtensionDataObject? ExtensionData { get; set; }

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName) =>
            AddLink(linkToEntityName, linkFromAttributeName, linkToAttributeName, JoinOperator.Inner);

        public LinkEntity AddLink(string linkToEntityName, string linkFromAttributeName, string linkToAttributeName, JoinOperator joinOperator)
        {
            var link = new LinkEntity(LinkToEntityName, linkToEntityName, linkFromAttributeName, linkToAttributeName, joinOperator);
            LinkEntities.Add(link);
            return link;
        }
    }

    public sealed class OrderExpression : IExtensibleDataObject
    {
        public OrderExpression() => AttributeName = null!;

        public OrderExpression(string attributeName, OrderType orderType)
        {
            AttributeName = attributeName;
            OrderType = orderType;
        }

        public OrderExpression(string attributeName, OrderType orderType, string alias)
            : this(attributeName, orderType) => Alias = alias;

        public OrderExpression(string attributeName, OrderType orderType, string alias, string entityName)
            : this(attributeName, orderType, alias) => EntityName = entityName;

        public string AttributeName { get; set; }

        public OrderType OrderType { get; set; }

        public string? Alias { get; set; }

        public string? EntityName { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }
    }

    /// <summary>Paging for RetrieveMultiple: PageNumber starts at 1; Count 0 means the platform default.</summary>
    public sealed class PagingInfo : IExtensibleDataObject
    {
        public int PageNumber { get; set; }

        public int Count { get; set; }

        public bool ReturnTotalRecordCount { get; set; }

        public string? PagingCookie { get; set; }

        public ExtensionDataObject? ExtensionData { get; set; }
    }

    public enum LogicalOperator
    {
        And,
        Or,
    }

    public enum OrderType
    {
        Ascending,
        Descending,
    }

    public enum JoinOperator
    {
        Inner,
        LeftOuter,
        Natural,
        MatchFirstRowUsingCrossApply,
        In,
        Exists,
        Any,
        NotAny,
        All,
        NotAll,
    }

    /// <summary>The real member order matters: values are implicit (0..88) and travel as numbers.</summary>
    public enum ConditionOperator
    {
        Equal,
        NotEqual,
        GreaterThan,
        LessThan,
        GreaterEqual,
        LessEqual,
        Like,
        NotLike,
        In,
        NotIn,
        Between,
        NotBetween,
        Null,
        NotNull,
        Yesterday,
        Today,
        Tomorrow,
        Last7Days,
        Next7Days,
        LastWeek,
        ThisWeek,
        NextWeek,
        LastMonth,
        ThisMonth,
        NextMonth,
        On,
        OnOrBefore,
        OnOrAfter,
        LastYear,
        ThisYear,
        NextYear,
        LastXHours,
        NextXHours,
        LastXDays,
        NextXDays,
        LastXWeeks,
        NextXWeeks,
        LastXMonths,
        NextXMonths,
        LastXYears,
        NextXYears,
        EqualUserId,
        NotEqualUserId,
        EqualBusinessId,
        NotEqualBusinessId,
        ChildOf,
        Mask,
        NotMask,
        MasksSelect,
        Contains,
        DoesNotContain,
        EqualUserLanguage,
        NotOn,
        OlderThanXMonths,
        BeginsWith,
        DoesNotBeginWith,
        EndsWith,
        DoesNotEndWith,
        ThisFiscalYear,
        ThisFiscalPeriod,
        NextFiscalYear,
        NextFiscalPeriod,
        LastFiscalYear,
        LastFiscalPeriod,
        LastXFiscalYears,
        LastXFiscalPeriods,
        NextXFiscalYears,
        NextXFiscalPeriods,
        InFiscalYear,
        InFiscalPeriod,
        InFiscalPeriodAndYear,
        InOrBeforeFiscalPeriodAndYear,
        InOrAfterFiscalPeriodAndYear,
        EqualUserTeams,
        EqualUserOrUserTeams,
        Under,
        NotUnder,
        UnderOrEqual,
        Above,
        AboveOrEqual,
        EqualUserOrUserHierarchy,
        EqualUserOrUserHierarchyAndTeams,
        OlderThanXYears,
        OlderThanXWeeks,
        OlderThanXDays,
        OlderThanXHours,
        OlderThanXMinutes,
        ContainValues,
        DoesNotContainValues,
    }
}
