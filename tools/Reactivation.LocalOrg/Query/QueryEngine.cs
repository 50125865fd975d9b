using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Store;

namespace Reactivation.LocalOrg.Query;

/// <summary>
/// Runs QueryExpression / QueryByAttribute against the store with SQL semantics: joins, three-valued
/// nulls, case-insensitive text, deterministic order (requested orders, then the primary key) and
/// paging whose cookie continues after the last row of the previous page.
/// </summary>
internal sealed class QueryEngine
{
    private static readonly ConcurrentDictionary<string, Regex> LikePatterns = new(StringComparer.Ordinal);

    private readonly EntityStore _store;
    private readonly LocalOrganizationOptions _options;

    public QueryEngine(EntityStore store, LocalOrganizationOptions options)
    {
        _store = store;
        _options = options;
    }

    public EntityCollection Execute(QueryBase query, Guid userId) => query switch
    {
        QueryExpression expression => Execute(expression, userId),
        QueryByAttribute byAttribute => Execute(ToExpression(byAttribute), userId),
        null => throw ServiceFaults.InvalidArgument("Required field 'Query' is missing"),
        // FetchExpression (FetchXML) and any other query type: a clear fault naming the type.
        _ => throw ServiceFaults.NotSupported(query.GetType().Name),
    };

    /// <summary>The columns a Retrieve returns: the requested ones that have a value, plus the primary key.</summary>
    public static Entity Project(StoredRow row, ColumnSet columns, string primaryIdAttribute, bool includePrimaryId = true)
    {
        var entity = new Entity(row.Entity, row.Id) { RowVersion = row.Version.ToString(CultureInfo.InvariantCulture) };
        if (columns.AllColumns)
        {
            foreach (var (name, value) in row.Attributes)
            {
                if (value != null)
                {
                    entity.Attributes[name] = Values.Clone(value);
                }
            }
        }
        else
        {
            foreach (var name in columns.Columns)
            {
                if (row[name] is { } value)
                {
                    entity.Attributes[name] = Values.Clone(value);
                }
            }
        }

        if (includePrimaryId)
        {
            entity.Attributes[primaryIdAttribute] = row.Id;
        }

        return entity;
    }

    private static QueryExpression ToExpression(QueryByAttribute byAttribute)
    {
        if (byAttribute.Attributes.Count != byAttribute.Values.Count)
        {
            throw ServiceFaults.InvalidArgument("QueryByAttribute: the number of Attributes and Values must be the same.");
        }

        var expression = new QueryExpression(byAttribute.EntityName)
        {
            ColumnSet = byAttribute.ColumnSet ?? new ColumnSet(),
            PageInfo = byAttribute.PageInfo ?? new PagingInfo(),
            TopCount = byAttribute.TopCount,
        };
        for (var i = 0; i < byAttribute.Attributes.Count; i++)
        {
            expression.Criteria.AddCondition(byAttribute.Attributes[i], ConditionOperator.Equal, byAttribute.Values[i]);
        }

        foreach (var order in byAttribute.Orders)
        {
            expression.Orders.Add(order);
        }

        return expression;
    }

    private EntityCollection Execute(QueryExpression query, Guid userId)
    {
        if (string.IsNullOrEmpty(query.EntityName))
        {
            throw ServiceFaults.InvalidArgument("The query has no EntityName.");
        }

        var pageInfo = query.PageInfo ?? new PagingInfo();
        if (query.TopCount is not null && pageInfo.Count > 0)
        {
            throw ServiceFaults.InvalidArgument("The TopCount and PageInfo.Count of a query cannot be set together: use one or the other.");
        }

        var scope = new Scope(this, query, userId);
        var rootTable = _store.Table(query.EntityName);
        var rows = Candidates(query).Select(r => new JoinedRow(r)).ToList();
        foreach (var link in query.LinkEntities)
        {
            rows = Join(rows, link, parentAlias: string.Empty, scope);
        }

        rows = rows.Where(r => scope.Matches(query.Criteria, r, currentAlias: string.Empty)).ToList();

        var orders = scope.Orders();
        rows.Sort((a, b) => CompareRows(a, b, orders));

        var includeId = !query.Distinct || query.ColumnSet.AllColumns || query.ColumnSet.Columns.Contains(rootTable.PrimaryIdAttribute);
        (JoinedRow Row, Entity Entity) Project(JoinedRow r) => (r, ProjectJoined(r, query, scope, rootTable.PrimaryIdAttribute, includeId));

        // Without Distinct a row's projection depends on that row alone: only the rows returned are projected, so
        // a page of 250 out of 20,000 matches copies 250 rows, not 20,000.
        IReadOnlyList<JoinedRow> ordered = rows;
        Dictionary<JoinedRow, Entity>? distinctEntities = null;
        if (query.Distinct)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var kept = rows.Select(Project).Where(p => seen.Add(Signature(p.Entity))).ToList();
            ordered = kept.Select(p => p.Row).ToList();
            distinctEntities = kept.ToDictionary(p => p.Row, p => p.Entity);
        }

        Entity EntityOf(JoinedRow r) => distinctEntities is not null ? distinctEntities[r] : Project(r).Entity;

        var result = new EntityCollection { EntityName = query.EntityName, TotalRecordCount = -1 };
        if (query.TopCount is { } top)
        {
            result.Entities.AddRange(ordered.Take(top).Select(EntityOf));
            return result;
        }

        var pageSize = pageInfo.Count > 0 ? pageInfo.Count : _options.DefaultPageSize;
        var pageNumber = Math.Max(1, pageInfo.PageNumber);
        var start = (pageNumber - 1) * pageSize;
        if (PagingCookie.TryParse(pageInfo.PagingCookie, out var cookiePage, out var lastId) && cookiePage == pageNumber - 1)
        {
            for (var i = 0; i < ordered.Count; i++)
            {
                if (ordered[i].Root.Id == lastId)
                {
                    start = i + 1;
                    break;
                }
            }
        }

        var page = ordered.Skip(start).Take(pageSize).ToList();
        result.Entities.AddRange(page.Select(EntityOf));
        result.MoreRecords = start + page.Count < ordered.Count;
        if (page.Count > 0)
        {
            result.PagingCookie = PagingCookie.Format(rootTable.PrimaryIdAttribute, pageNumber, page[0].Root.Id, page[page.Count - 1].Root.Id);
        }

        if (pageInfo.ReturnTotalRecordCount)
        {
            result.TotalRecordCount = Math.Min(ordered.Count, 5000);
            result.TotalRecordCountLimitExceeded = ordered.Count > 5000;
        }

        return result;
    }

    /// <summary>
    /// The root rows worth looking at: when the top-level filter is an AND with an Equal on a column,
    /// the equality index answers it instead of a scan of the whole table.
    /// </summary>
    private IEnumerable<StoredRow> Candidates(QueryExpression query)
    {
        var criteria = query.Criteria;
        if (criteria is { FilterOperator: LogicalOperator.And })
        {
            foreach (var condition in criteria.Conditions)
            {
                if (condition is { Operator: ConditionOperator.Equal, CompareColumns: false, Values.Count: 1 }
                    && (condition.EntityName == null || string.Equals(condition.EntityName, query.EntityName, StringComparison.Ordinal))
                    && !LooksLikeAnotherType(condition.Values[0])
                    && _store.LookupEqual(query.EntityName, condition.AttributeName, condition.Values[0]) is { } hits)
                {
                    return hits;
                }
            }

            foreach (var condition in criteria.Conditions)
            {
                if (condition is { CompareColumns: false, Values.Count: 1 } && Values.Scalar(condition.Values[0]) is DateTime value
                    && (condition.EntityName == null || string.Equals(condition.EntityName, query.EntityName, StringComparison.Ordinal))
                    && RangeTest(condition.Operator) is { } accepts)
                {
                    return _store.LookupRange(query.EntityName, condition.AttributeName, accepts, value);
                }
            }
        }

        return _store.Scan(query.EntityName);
    }

    /// <summary>The comparison a range operator makes of (column value compared to the condition's value); null for other operators.</summary>
    private static Func<int, bool>? RangeTest(ConditionOperator op) => op switch
    {
        ConditionOperator.LessThan => c => c < 0,
        ConditionOperator.LessEqual => c => c <= 0,
        ConditionOperator.GreaterThan => c => c > 0,
        ConditionOperator.GreaterEqual => c => c >= 0,
        _ => null,
    };

    /// <summary>
    /// Text that could stand for a Guid, a number or a date compares equal to such a column value, but its
    /// index key differs; such conditions take the scan, which compares the way SQL converts.
    /// </summary>
    private static bool LooksLikeAnotherType(object? value) =>
        value is string text
        && (Guid.TryParse(text, out _)
            || decimal.TryParse(text, NumberStyles.Any, CultureInfo.InvariantCulture, out _)
            || DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            || bool.TryParse(text, out _));

    private List<JoinedRow> Join(List<JoinedRow> rows, LinkEntity link, string parentAlias, Scope scope)
    {
        var alias = scope.AliasOf(link);
        var result = new List<JoinedRow>(rows.Count);
        foreach (var row in rows)
        {
            var parent = row.Get(parentAlias);
            var from = parent?[link.LinkFromAttributeName];
            var matches = new List<StoredRow>();
            if (Values.Scalar(from) != null)
            {
                var candidates = _store.LookupEqual(link.LinkToEntityName, link.LinkToAttributeName, from)
                    ?? _store.Scan(link.LinkToEntityName).Where(r => Values.Compare(r[link.LinkToAttributeName], from) == 0);
                foreach (var candidate in candidates)
                {
                    if (link.LinkCriteria == null || scope.Matches(link.LinkCriteria, row.With(alias, candidate), alias))
                    {
                        matches.Add(candidate);
                    }
                }
            }

            switch (link.JoinOperator)
            {
                case JoinOperator.Inner or JoinOperator.Natural:
                    result.AddRange(matches.Select(m => row.With(alias, m)));
                    break;
                case JoinOperator.LeftOuter:
                    if (matches.Count == 0)
                    {
                        result.Add(row.With(alias, null));
                    }
                    else
                    {
                        result.AddRange(matches.Select(m => row.With(alias, m)));
                    }

                    break;
                case JoinOperator.MatchFirstRowUsingCrossApply:
                    if (matches.Count > 0)
                    {
                        matches.Sort((a, b) => a.Id.CompareTo(b.Id));
                        result.Add(row.With(alias, matches[0]));
                    }

                    break;
                case JoinOperator.Exists or JoinOperator.In or JoinOperator.Any:
                    if (matches.Count > 0)
                    {
                        result.Add(row);
                    }

                    break;
                case JoinOperator.NotAny:
                    if (matches.Count == 0)
                    {
                        result.Add(row);
                    }

                    break;
                default:
                    throw ServiceFaults.NotSupported($"JoinOperator.{link.JoinOperator}");
            }
        }

        if (link.JoinOperator is JoinOperator.Exists or JoinOperator.In or JoinOperator.Any or JoinOperator.NotAny)
        {
            return result;
        }

        foreach (var nested in link.LinkEntities)
        {
            result = Join(result, nested, alias, scope);
        }

        return result;
    }

    private static Entity ProjectJoined(JoinedRow row, QueryExpression query, Scope scope, string primaryIdAttribute, bool includeId)
    {
        var entity = Project(row.Root, query.ColumnSet ?? new ColumnSet(), primaryIdAttribute, includeId);
        if (!includeId)
        {
            entity.Id = Guid.Empty;
        }

        foreach (var (link, alias) in scope.Links)
        {
            if (row.Get(alias) is not { } linked || link.Columns == null)
            {
                continue;
            }

            IEnumerable<string> names = link.Columns.AllColumns ? linked.Attributes.Keys : link.Columns.Columns;
            foreach (var name in names)
            {
                if (linked[name] is { } value)
                {
                    entity.Attributes[alias + "." + name] = new AliasedValue(link.LinkToEntityName, name, Values.Clone(value));
                }
            }
        }

        return entity;
    }

    private static string Signature(Entity entity)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in entity.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(Values.Text(value)).Append('\u001f');
        }

        return text.ToString();
    }

    private static int CompareRows(JoinedRow a, JoinedRow b, List<(string Alias, string Column, bool Descending)> orders)
    {
        foreach (var (alias, column, descending) in orders)
        {
            var left = a.Get(alias)?[column];
            var right = b.Get(alias)?[column];
            int result;
            if (Values.Scalar(left) == null || Values.Scalar(right) == null)
            {
                // SQL Server sorts NULL first in ascending order.
                result = (Values.Scalar(left) == null ? 0 : 1) - (Values.Scalar(right) == null ? 0 : 1);
            }
            else
            {
                result = Values.Compare(left, right)
                    ?? string.Compare(Values.Text(left), Values.Text(right), StringComparison.Ordinal);
            }

            if (result != 0)
            {
                return descending ? -result : result;
            }
        }

        return a.Root.Id.CompareTo(b.Root.Id);
    }

    private static Regex LikeRegex(string pattern) => LikePatterns.GetOrAdd(pattern, p =>
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            switch (c)
            {
                case '%':
                    regex.Append(".*");
                    break;
                case '_':
                    regex.Append('.');
                    break;
                case '[':
                    var close = p.IndexOf(']', i + 1);
                    if (close > i)
                    {
                        var set = p.Substring(i + 1, close - i - 1);
                        regex.Append('[').Append(set.StartsWith('^') ? "^" + Regex.Escape(set.Substring(1)) : Regex.Escape(set)).Append(']');
                        i = close;
                    }
                    else
                    {
                        regex.Append(Regex.Escape("["));
                    }

                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    });

    /// <summary>A root row with the rows its links matched, by alias ("" is the root).</summary>
    private sealed class JoinedRow
    {
        private readonly Dictionary<string, StoredRow?>? _links;

        public JoinedRow(StoredRow root) => Root = root;

        private JoinedRow(StoredRow root, Dictionary<string, StoredRow?> links)
        {
            Root = root;
            _links = links;
        }

        public StoredRow Root { get; }

        public StoredRow? Get(string alias) =>
            alias.Length == 0 ? Root : _links != null && _links.TryGetValue(alias, out var row) ? row : null;

        public JoinedRow With(string alias, StoredRow? row)
        {
            var links = _links == null ? new Dictionary<string, StoredRow?>(StringComparer.Ordinal) : new Dictionary<string, StoredRow?>(_links, StringComparer.Ordinal);
            links[alias] = row;
            return new JoinedRow(Root, links);
        }
    }

    /// <summary>Per-query state: link aliases (explicit or "&lt;table&gt;N"), the clock, the calling user.</summary>
    private sealed class Scope
    {
        private readonly QueryEngine _engine;
        private readonly QueryExpression _query;
        private readonly Guid _userId;
        private readonly DateTime _now;

        public Scope(QueryEngine engine, QueryExpression query, Guid userId)
        {
            _engine = engine;
            _query = query;
            _userId = userId;
            _now = DateTime.SpecifyKind(engine._options.Clock(), DateTimeKind.Utc);
            var counter = 0;
            foreach (var link in query.LinkEntities)
            {
                Collect(link, ref counter);
            }
        }

        public List<(LinkEntity Link, string Alias)> Links { get; } = [];

        public string AliasOf(LinkEntity link) => Links.First(l => ReferenceEquals(l.Link, link)).Alias;

        public List<(string Alias, string Column, bool Descending)> Orders()
        {
            var orders = new List<(string, string, bool)>();
            foreach (var order in _query.Orders)
            {
                orders.Add((ResolveAlias(order.EntityName, string.Empty), order.AttributeName, order.OrderType == OrderType.Descending));
            }

            foreach (var (link, alias) in Links)
            {
                foreach (var order in link.Orders)
                {
                    orders.Add((alias, order.AttributeName, order.OrderType == OrderType.Descending));
                }
            }

            return orders;
        }

        public bool Matches(FilterExpression filter, JoinedRow row, string currentAlias)
        {
            var any = false;
            foreach (var condition in filter.Conditions)
            {
                any = true;
                var result = Evaluate(condition, row, currentAlias);
                if (filter.FilterOperator == LogicalOperator.And && !result)
                {
                    return false;
                }

                if (filter.FilterOperator == LogicalOperator.Or && result)
                {
                    return true;
                }
            }

            foreach (var child in filter.Filters)
            {
                if (child.Conditions.Count == 0 && child.Filters.Count == 0)
                {
                    continue;
                }

                any = true;
                var result = Matches(child, row, currentAlias);
                if (filter.FilterOperator == LogicalOperator.And && !result)
                {
                    return false;
                }

                if (filter.FilterOperator == LogicalOperator.Or && result)
                {
                    return true;
                }
            }

            // An empty filter matches everything; an OR none of whose parts matched does not.
            return filter.FilterOperator == LogicalOperator.And || !any;
        }

        private void Collect(LinkEntity link, ref int counter)
        {
            counter++;
            Links.Add((link, string.IsNullOrEmpty(link.EntityAlias) ? link.LinkToEntityName + counter.ToString(CultureInfo.InvariantCulture) : link.EntityAlias));
            foreach (var nested in link.LinkEntities)
            {
                Collect(nested, ref counter);
            }
        }

        private string ResolveAlias(string? entityName, string currentAlias)
        {
            if (string.IsNullOrEmpty(entityName))
            {
                return currentAlias;
            }

            if (string.Equals(entityName, _query.EntityName, StringComparison.Ordinal) && !Links.Any(l => l.Alias == entityName))
            {
                return string.Empty;
            }

            foreach (var (link, alias) in Links)
            {
                if (string.Equals(alias, entityName, StringComparison.Ordinal))
                {
                    return alias;
                }
            }

            foreach (var (link, alias) in Links)
            {
                if (string.Equals(link.LinkToEntityName, entityName, StringComparison.Ordinal))
                {
                    return alias;
                }
            }

            throw ServiceFaults.InvalidArgument($"The condition refers to '{entityName}', which is neither the query's table nor a link alias.");
        }

        private bool Evaluate(ConditionExpression condition, JoinedRow row, string currentAlias)
        {
            var alias = ResolveAlias(condition.EntityName, currentAlias);
            var value = row.Get(alias)?[condition.AttributeName];
            var args = Flatten(condition.Values);

            if (condition.CompareColumns)
            {
                var other = args.Count == 1 ? row.Get(alias)?[Convert.ToString(args[0], CultureInfo.InvariantCulture)!] : null;
                var c = Values.Compare(value, other);
                return c != null && condition.Operator switch
                {
                    ConditionOperator.Equal => c == 0,
                    ConditionOperator.NotEqual => c != 0,
                    ConditionOperator.GreaterThan => c > 0,
                    ConditionOperator.GreaterEqual => c >= 0,
                    ConditionOperator.LessThan => c < 0,
                    ConditionOperator.LessEqual => c <= 0,
                    _ => throw ServiceFaults.NotSupported($"ConditionOperator.{condition.Operator} with CompareColumns"),
                };
            }

            switch (condition.Operator)
            {
                case ConditionOperator.Null:
                    return Values.Scalar(value) == null;
                case ConditionOperator.NotNull:
                    return Values.Scalar(value) != null;
                case ConditionOperator.EqualUserId:
                    return Values.Compare(value, _userId) == 0;
                case ConditionOperator.NotEqualUserId:
                    return Values.Compare(value, _userId) is { } u && u != 0;
                case ConditionOperator.EqualBusinessId:
                    return Values.Compare(value, _engine._options.BusinessUnitId) == 0;
                case ConditionOperator.NotEqualBusinessId:
                    return Values.Compare(value, _engine._options.BusinessUnitId) is { } b && b != 0;
            }

            // SQL: any other comparison with NULL is unknown, so the row does not match.
            if (Values.Scalar(value) == null)
            {
                return false;
            }

            switch (condition.Operator)
            {
                case ConditionOperator.Equal:
                    return One(args, condition) is var eq && Values.Compare(value, eq) == 0;
                case ConditionOperator.NotEqual:
                    return One(args, condition) is var ne && Values.Compare(value, ne) is { } c && c != 0;
                case ConditionOperator.GreaterThan:
                    return Values.Compare(value, One(args, condition)) > 0;
                case ConditionOperator.GreaterEqual:
                    return Values.Compare(value, One(args, condition)) >= 0;
                case ConditionOperator.LessThan:
                    return Values.Compare(value, One(args, condition)) < 0;
                case ConditionOperator.LessEqual:
                    return Values.Compare(value, One(args, condition)) <= 0;
                case ConditionOperator.In:
                    return args.Any(a => Values.Compare(value, a) == 0);
                case ConditionOperator.NotIn:
                    return args.All(a => Values.Compare(value, a) is { } c && c != 0);
                case ConditionOperator.Between:
                case ConditionOperator.NotBetween:
                    if (args.Count != 2)
                    {
                        throw ServiceFaults.InvalidArgument($"Condition operator '{condition.Operator}' on '{condition.AttributeName}' takes two values.");
                    }

                    var inside = Values.Compare(value, args[0]) >= 0 && Values.Compare(value, args[1]) <= 0;
                    return condition.Operator == ConditionOperator.Between ? inside : !inside;
                case ConditionOperator.Like:
                    return LikeRegex(Text(One(args, condition))).IsMatch(Values.Text(value)!);
                case ConditionOperator.NotLike:
                    return !LikeRegex(Text(One(args, condition))).IsMatch(Values.Text(value)!);
                case ConditionOperator.BeginsWith:
                    return Values.Text(value)!.StartsWith(Text(One(args, condition)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotBeginWith:
                    return !Values.Text(value)!.StartsWith(Text(One(args, condition)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.EndsWith:
                    return Values.Text(value)!.EndsWith(Text(One(args, condition)), StringComparison.OrdinalIgnoreCase);
                case ConditionOperator.DoesNotEndWith:
                    return !Values.Text(value)!.EndsWith(Text(One(args, condition)), StringComparison.OrdinalIgnoreCase);
            }

            return EvaluateDate(condition, value!, args);
        }

        private bool EvaluateDate(ConditionExpression condition, object value, List<object?> args)
        {
            if (Values.Scalar(value) is not DateTime instant)
            {
                throw ServiceFaults.InvalidArgument($"Condition operator '{condition.Operator}' needs a date and time column; '{condition.AttributeName}' is not one.");
            }

            var today = LocalDate(_now);
            switch (condition.Operator)
            {
                case ConditionOperator.On:
                    return LocalDate(instant) == DateOf(One(args, condition));
                case ConditionOperator.NotOn:
                    return LocalDate(instant) != DateOf(One(args, condition));
                case ConditionOperator.OnOrBefore:
                    return LocalDate(instant) <= DateOf(One(args, condition));
                case ConditionOperator.OnOrAfter:
                    return LocalDate(instant) >= DateOf(One(args, condition));
                case ConditionOperator.Today:
                    return LocalDate(instant) == today;
                case ConditionOperator.Yesterday:
                    return LocalDate(instant) == today.AddDays(-1);
                case ConditionOperator.Tomorrow:
                    return LocalDate(instant) == today.AddDays(1);
                case ConditionOperator.Last7Days:
                    return instant >= StartOfDay(today.AddDays(-7)) && instant <= _now;
                case ConditionOperator.Next7Days:
                    return instant >= _now && instant < StartOfDay(today.AddDays(8));
                case ConditionOperator.LastXHours:
                    return instant >= _now.AddHours(-X(args, condition)) && instant <= _now;
                case ConditionOperator.NextXHours:
                    return instant >= _now && instant <= _now.AddHours(X(args, condition));
                case ConditionOperator.LastXDays:
                    return instant >= StartOfDay(today.AddDays(-X(args, condition))) && instant <= _now;
                case ConditionOperator.NextXDays:
                    return instant >= _now && instant < StartOfDay(today.AddDays(X(args, condition) + 1));
                case ConditionOperator.LastXWeeks:
                    return instant >= StartOfDay(today.AddDays(-7 * X(args, condition))) && instant <= _now;
                case ConditionOperator.NextXWeeks:
                    return instant >= _now && instant < StartOfDay(today.AddDays((7 * X(args, condition)) + 1));
                case ConditionOperator.LastXMonths:
                    return instant >= StartOfDay(today.AddMonths(-X(args, condition))) && instant <= _now;
                case ConditionOperator.NextXMonths:
                    return instant >= _now && instant < StartOfDay(today.AddMonths(X(args, condition)).AddDays(1));
                case ConditionOperator.LastXYears:
                    return instant >= StartOfDay(today.AddYears(-X(args, condition))) && instant <= _now;
                case ConditionOperator.NextXYears:
                    return instant >= _now && instant < StartOfDay(today.AddYears(X(args, condition)).AddDays(1));
                case ConditionOperator.OlderThanXMinutes:
                    return instant < _now.AddMinutes(-X(args, condition));
                case ConditionOperator.OlderThanXHours:
                    return instant < _now.AddHours(-X(args, condition));
                case ConditionOperator.OlderThanXDays:
                    return instant < StartOfDay(today.AddDays(-X(args, condition)));
                case ConditionOperator.OlderThanXWeeks:
                    return instant < StartOfDay(today.AddDays(-7 * X(args, condition)));
                case ConditionOperator.OlderThanXMonths:
                    return instant < StartOfDay(today.AddMonths(-X(args, condition)));
                case ConditionOperator.OlderThanXYears:
                    return instant < StartOfDay(today.AddYears(-X(args, condition)));
                default:
                    throw ServiceFaults.NotSupported($"ConditionOperator.{condition.Operator}");
            }
        }

        private DateTime LocalDate(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), _engine._options.TimeZone).Date;

        private DateTime StartOfDay(DateTime localDate) =>
            TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localDate, DateTimeKind.Unspecified), _engine._options.TimeZone);

        /// <summary>
        /// The calendar date a condition value names: a date-time without a kind (or text) is the date as
        /// written; a UTC or local instant is the date it falls on in the organisation's time zone.
        /// </summary>
        private DateTime DateOf(object? value) => value switch
        {
            DateTime { Kind: DateTimeKind.Unspecified } d => d.Date,
            DateTime { Kind: DateTimeKind.Utc } d => LocalDate(d),
            DateTime d => LocalDate(d.ToUniversalTime()),
            string s when DateTime.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d.Date,
            _ => throw ServiceFaults.InvalidArgument($"'{value}' is not a date."),
        };

        private static int X(List<object?> args, ConditionExpression condition) =>
            Convert.ToInt32(One(args, condition), CultureInfo.InvariantCulture);

        private static string Text(object? value) => Values.Text(value) ?? string.Empty;

        private static object? One(List<object?> args, ConditionExpression condition) => args.Count == 1
            ? args[0]
            : throw ServiceFaults.InvalidArgument($"Condition operator '{condition.Operator}' on '{condition.AttributeName}' takes one value; it has {args.Count}.");

        private static List<object?> Flatten(IEnumerable<object> values)
        {
            var list = new List<object?>();
            foreach (var value in values)
            {
                if (value is System.Collections.IEnumerable many and not string and not byte[])
                {
                    list.AddRange(many.Cast<object?>());
                }
                else
                {
                    list.Add(value);
                }
            }

            return list;
        }
    }
}

/// <summary>The paging cookie in the service's format: &lt;cookie page="1"&gt;&lt;contactid last="{…}" first="{…}" /&gt;&lt;/cookie&gt;.</summary>
internal static class PagingCookie
{
    public static string Format(string primaryIdAttribute, int page, Guid first, Guid last) =>
        new XElement(
            "cookie",
            new XAttribute("page", page.ToString(CultureInfo.InvariantCulture)),
            new XElement(
                primaryIdAttribute,
                new XAttribute("last", last.ToString("B").ToUpperInvariant()),
                new XAttribute("first", first.ToString("B").ToUpperInvariant()))).ToString(SaveOptions.DisableFormatting);

    public static bool TryParse(string? cookie, out int page, out Guid lastId)
    {
        page = 0;
        lastId = Guid.Empty;
        if (string.IsNullOrWhiteSpace(cookie))
        {
            return false;
        }

        try
        {
            var root = XElement.Parse(cookie);
            var key = root.Elements().FirstOrDefault();
            return int.TryParse((string?)root.Attribute("page"), NumberStyles.Integer, CultureInfo.InvariantCulture, out page)
                && key != null
                && Guid.TryParse((string?)key.Attribute("last"), out lastId);
        }
        catch (System.Xml.XmlException)
        {
            return false;
        }
    }
}
