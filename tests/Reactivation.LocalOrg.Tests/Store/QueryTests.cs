using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Tests.Pipeline;

namespace Reactivation.LocalOrg.Tests.Store;

[TestClass]
public sealed class QueryTests
{
    private static readonly Guid AccountA = new("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid AccountB = new("aaaaaaaa-0000-0000-0000-000000000002");

    /// <summary>Five contacts with a spread of types and nulls, two accounts, orders for some contacts.</summary>
    private static (LocalOrganization Org, IOrganizationService Service, Dictionary<string, Guid> Ids) Seed()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        service.Create(new Entity("account", AccountA) { ["name"] = "Lotus Spa" });
        service.Create(new Entity("account", AccountB) { ["name"] = "Jade Clinic" });
        var ids = new Dictionary<string, Guid>();
        void Contact(string name, int? visits, decimal? spend, DateTime? lastPurchase, Guid? account, int? stage, bool? optedOut)
        {
            var contact = new Entity("contact") { ["lastname"] = name };
            if (visits != null) contact["rx_visits"] = visits.Value;
            if (spend != null) contact["rx_totalspend"] = new Money(spend.Value);
            if (lastPurchase != null) contact["rx_lastpurchaseon"] = lastPurchase.Value;
            if (account != null) contact["parentcustomerid"] = new EntityReference("account", account.Value);
            if (stage != null) contact["rx_lifecyclestage"] = new OptionSetValue(stage.Value);
            if (optedOut != null) contact["donotphone"] = optedOut.Value;
            ids[name] = service.Create(contact);
        }

        Contact("Chen", 5, 1200m, TestOrg.Now.AddDays(-10), AccountA, 3, false);
        Contact("Li", 1, 80m, TestOrg.Now.AddDays(-100), AccountA, 5, true);
        Contact("Wang", 3, 450.5m, TestOrg.Now.AddDays(-50), AccountB, 4, false);
        Contact("Zhang", null, null, null, null, null, null);
        Contact("chang", 2, 300m, TestOrg.Now.AddDays(3), AccountB, 3, false);

        foreach (var (name, amount) in new[] { ("Chen", 100m), ("Chen", 250m), ("Wang", 60m) })
        {
            service.Create(new Entity("salesorder") { ["customerid"] = new EntityReference("contact", ids[name]), ["totalamount"] = new Money(amount) });
        }

        return (org, service, ids);
    }

    private static string[] Names(IOrganizationService service, QueryExpression query)
    {
        query.ColumnSet ??= new ColumnSet();
        if (!query.ColumnSet.AllColumns && !query.ColumnSet.Columns.Contains("lastname"))
        {
            query.ColumnSet.AddColumn("lastname");
        }

        return service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<string>("lastname")).ToArray();
    }

    private static string[] Where(IOrganizationService service, string column, ConditionOperator op, params object[] values)
    {
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition(column, op, values);
        query.AddOrder("lastname", OrderType.Ascending);
        return Names(service, query);
    }

    [TestMethod]
    public void Date_ranges_leave_out_rows_without_a_value_and_follow_writes_made_after_the_first_range_query()
    {
        var (_, service, ids) = Seed();
        var cutOff = TestOrg.Now.AddDays(-50);
        CollectionAssert.AreEqual(new[] { "Li", "Wang" }, Where(service, "rx_lastpurchaseon", ConditionOperator.LessEqual, cutOff), "Zhang has no date: no match");
        CollectionAssert.AreEqual(new[] { "Li" }, Where(service, "rx_lastpurchaseon", ConditionOperator.LessThan, cutOff));
        CollectionAssert.AreEqual(new[] { "chang", "Chen", "Wang" }, Where(service, "rx_lastpurchaseon", ConditionOperator.GreaterEqual, cutOff));

        service.Update(new Entity("contact", ids["Chen"]) { ["rx_lastpurchaseon"] = TestOrg.Now.AddDays(-60) });
        service.Update(new Entity("contact", ids["Li"]) { ["rx_lastpurchaseon"] = null });
        service.Update(new Entity("contact", ids["Zhang"]) { ["rx_lastpurchaseon"] = TestOrg.Now.AddDays(-400) });

        CollectionAssert.AreEqual(new[] { "Chen", "Wang", "Zhang" }, Where(service, "rx_lastpurchaseon", ConditionOperator.LessEqual, cutOff));
        CollectionAssert.AreEqual(new[] { "chang" }, Where(service, "rx_lastpurchaseon", ConditionOperator.GreaterThan, cutOff));
    }

    [TestMethod]
    public void RetrieveMultiple_returns_the_ColumnSet_columns_and_the_primary_key()
    {
        var (_, service, ids) = Seed();
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname", "rx_visits") };
        query.Criteria.AddCondition("contactid", ConditionOperator.Equal, ids["Chen"]);

        var chen = service.RetrieveMultiple(query).Entities.Single();

        CollectionAssert.AreEquivalent(new[] { "lastname", "rx_visits", "contactid" }, chen.Attributes.Keys.ToArray());
        Assert.AreEqual(ids["Chen"], chen.Id);
    }

    [TestMethod]
    public void A_new_QueryExpression_returns_rows_with_only_their_primary_key()
    {
        var (_, service, _) = Seed();

        var rows = service.RetrieveMultiple(new QueryExpression("contact")).Entities;

        Assert.HasCount(5, rows);
        Assert.IsTrue(rows.All(r => r.Attributes.Keys.SequenceEqual(["contactid"])));
    }

    [TestMethod]
    public void Equal_and_NotEqual_follow_SQL_so_NotEqual_skips_rows_where_the_column_is_empty()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "Wang" }, Where(service, "rx_visits", ConditionOperator.Equal, 3));
        CollectionAssert.AreEqual(new[] { "chang", "Chen", "Li" }, Where(service, "rx_visits", ConditionOperator.NotEqual, 3));
    }

    [TestMethod]
    public void Text_comparison_ignores_case_like_the_database_collation()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "Chen" }, Where(service, "lastname", ConditionOperator.Equal, "CHEN"));
    }

    [TestMethod]
    public void Greater_and_less_compare_numbers_money_and_dates()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "Chen", "Wang" }, Where(service, "rx_visits", ConditionOperator.GreaterEqual, 3));
        CollectionAssert.AreEqual(new[] { "Chen" }, Where(service, "rx_visits", ConditionOperator.GreaterThan, 3));
        CollectionAssert.AreEqual(new[] { "chang", "Li" }, Where(service, "rx_visits", ConditionOperator.LessThan, 3));
        CollectionAssert.AreEqual(new[] { "chang", "Li", "Wang" }, Where(service, "rx_visits", ConditionOperator.LessEqual, 3));
        CollectionAssert.AreEqual(new[] { "Chen", "Wang" }, Where(service, "rx_totalspend", ConditionOperator.GreaterThan, 450m));
        CollectionAssert.AreEqual(new[] { "Li", "Wang" }, Where(service, "rx_lastpurchaseon", ConditionOperator.LessThan, TestOrg.Now.AddDays(-30)));
    }

    [TestMethod]
    public void Lookups_compare_with_a_Guid_choices_with_an_int_money_with_a_decimal_and_yes_no_with_a_bool()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "chang", "Wang" }, Where(service, "parentcustomerid", ConditionOperator.Equal, AccountB));
        CollectionAssert.AreEqual(new[] { "chang", "Chen" }, Where(service, "rx_lifecyclestage", ConditionOperator.Equal, 3));
        CollectionAssert.AreEqual(new[] { "Li" }, Where(service, "rx_totalspend", ConditionOperator.Equal, 80m));
        CollectionAssert.AreEqual(new[] { "Li" }, Where(service, "donotphone", ConditionOperator.Equal, true));
    }

    [TestMethod]
    public void Null_and_NotNull_find_empty_and_filled_columns_and_Equal_never_matches_empty()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "Zhang" }, Where(service, "rx_visits", ConditionOperator.Null));
        Assert.HasCount(4, Where(service, "rx_visits", ConditionOperator.NotNull));
        Assert.IsEmpty(Where(service, "parentcustomerid", ConditionOperator.Equal, Guid.Empty));
    }

    [TestMethod]
    public void In_and_NotIn_match_a_list_of_values()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "chang", "Chen", "Li" }, Where(service, "rx_lifecyclestage", ConditionOperator.In, 3, 5));
        CollectionAssert.AreEqual(new[] { "Wang" }, Where(service, "rx_lifecyclestage", ConditionOperator.NotIn, 3, 5));
        CollectionAssert.AreEqual(new[] { "chang", "Chen" }, Where(service, "rx_lifecyclestage", ConditionOperator.In, new[] { 3, 7 }));
    }

    [TestMethod]
    public void Like_uses_percent_and_underscore_wildcards_without_case()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "chang", "Zhang" }, Where(service, "lastname", ConditionOperator.Like, "%HANG"));
        CollectionAssert.AreEqual(new[] { "chang", "Chen" }, Where(service, "lastname", ConditionOperator.Like, "c%"));
        CollectionAssert.AreEqual(new[] { "Li" }, Where(service, "lastname", ConditionOperator.Like, "L_"));
        CollectionAssert.AreEqual(new[] { "Li", "Wang", "Zhang" }, Where(service, "lastname", ConditionOperator.NotLike, "c%"));
        CollectionAssert.AreEqual(new[] { "Wang" }, Where(service, "lastname", ConditionOperator.BeginsWith, "wa"));
        CollectionAssert.AreEqual(new[] { "chang", "Wang", "Zhang" }, Where(service, "lastname", ConditionOperator.EndsWith, "ang"));
    }

    [TestMethod]
    public void Between_and_NotBetween_include_both_ends()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "chang", "Wang" }, Where(service, "rx_visits", ConditionOperator.Between, 2, 3));
        CollectionAssert.AreEqual(new[] { "Chen", "Li" }, Where(service, "rx_visits", ConditionOperator.NotBetween, 2, 3));
    }

    [TestMethod]
    public void OnOrBefore_OnOrAfter_and_On_compare_the_date_and_ignore_the_time()
    {
        var (_, service, _) = Seed();
        var tenDaysAgoMidnight = TestOrg.Now.Date.AddDays(-10);

        CollectionAssert.AreEqual(new[] { "Chen" }, Where(service, "rx_lastpurchaseon", ConditionOperator.On, tenDaysAgoMidnight));
        CollectionAssert.AreEqual(new[] { "Chen", "Li", "Wang" }, Where(service, "rx_lastpurchaseon", ConditionOperator.OnOrBefore, tenDaysAgoMidnight));
        CollectionAssert.AreEqual(new[] { "chang", "Chen" }, Where(service, "rx_lastpurchaseon", ConditionOperator.OnOrAfter, tenDaysAgoMidnight.AddHours(23)));
    }

    [TestMethod]
    public void Last_and_Next_X_days_are_relative_to_the_organisations_clock()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "Chen" }, Where(service, "rx_lastpurchaseon", ConditionOperator.LastXDays, 30));
        CollectionAssert.AreEqual(new[] { "Chen", "Wang" }, Where(service, "rx_lastpurchaseon", ConditionOperator.LastXDays, 60));
        CollectionAssert.AreEqual(new[] { "chang" }, Where(service, "rx_lastpurchaseon", ConditionOperator.NextXDays, 3));
        Assert.IsEmpty(Where(service, "rx_lastpurchaseon", ConditionOperator.NextXDays, 2));
        CollectionAssert.AreEqual(new[] { "Li" }, Where(service, "rx_lastpurchaseon", ConditionOperator.OlderThanXDays, 90));
    }

    [TestMethod]
    public void Moving_the_clock_changes_what_Last_X_days_finds()
    {
        var now = TestOrg.Now;
        var org = TestOrg.Create(() => now);
        var service = org.CreateOrganizationService(null);
        service.Create(new Entity("contact") { ["lastname"] = "Chen", ["rx_lastpurchaseon"] = now.AddDays(-10) });
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition("rx_lastpurchaseon", ConditionOperator.LastXDays, 45);

        var before = service.RetrieveMultiple(query).Entities.Count;
        now = now.AddDays(60);
        var after = service.RetrieveMultiple(query).Entities.Count;

        Assert.AreEqual(1, before);
        Assert.AreEqual(0, after);
    }

    [TestMethod]
    public void Date_operators_use_the_organisation_time_zone_for_day_boundaries()
    {
        var shanghai = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => TestOrg.Now, TimeZone = shanghai });
        var service = org.CreateOrganizationService(null);
        // 2026-03-09 20:00 UTC is already 2026-03-10 04:00 in UTC+8: "today" there.
        service.Create(new Entity("contact") { ["lastname"] = "Late", ["rx_lastpurchaseon"] = new DateTime(2026, 3, 9, 20, 0, 0, DateTimeKind.Utc) });
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition("rx_lastpurchaseon", ConditionOperator.Today);

        Assert.HasCount(1, service.RetrieveMultiple(query).Entities);
    }

    [TestMethod]
    public void Nested_AND_and_OR_filters_combine_as_written()
    {
        var (_, service, _) = Seed();
        // stage = 3 AND (visits >= 5 OR spend < 350)
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition("rx_lifecyclestage", ConditionOperator.Equal, 3);
        var either = query.Criteria.AddFilter(LogicalOperator.Or);
        either.AddCondition("rx_visits", ConditionOperator.GreaterEqual, 5);
        either.AddCondition("rx_totalspend", ConditionOperator.LessThan, 350m);
        query.AddOrder("lastname", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "chang", "Chen" }, Names(service, query));

        var top = new QueryExpression("contact") { Criteria = new FilterExpression(LogicalOperator.Or) };
        top.Criteria.AddCondition("lastname", ConditionOperator.Equal, "Li");
        var both = top.Criteria.AddFilter(LogicalOperator.And);
        both.AddCondition("rx_visits", ConditionOperator.Equal, 3);
        both.AddCondition("donotphone", ConditionOperator.Equal, false);
        top.AddOrder("lastname", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Li", "Wang" }, Names(service, top));
    }

    [TestMethod]
    public void An_inner_link_with_an_alias_returns_the_linked_columns_as_aliased_values()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
        var account = query.AddLink("account", "parentcustomerid", "accountid");
        account.EntityAlias = "acct";
        account.Columns = new ColumnSet("name");
        query.AddOrder("lastname", OrderType.Ascending);

        var rows = service.RetrieveMultiple(query).Entities;

        CollectionAssert.AreEqual(new[] { "chang", "Chen", "Li", "Wang" }, rows.Select(r => r["lastname"]).ToArray());
        var aliased = rows[1].GetAttributeValue<AliasedValue>("acct.name");
        Assert.AreEqual("Lotus Spa", aliased.Value);
        Assert.AreEqual("account", aliased.EntityLogicalName);
        Assert.AreEqual("name", aliased.AttributeLogicalName);
    }

    [TestMethod]
    public void An_outer_link_keeps_rows_without_a_match_and_a_link_without_alias_is_named_after_its_table()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
        query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter).Columns = new ColumnSet("name");
        query.AddOrder("lastname", OrderType.Ascending);

        var rows = service.RetrieveMultiple(query).Entities;

        Assert.HasCount(5, rows);
        var zhang = rows.Single(r => (string)r["lastname"]! == "Zhang");
        Assert.IsFalse(zhang.Contains("account1.name"));
        Assert.AreEqual("Jade Clinic", rows.Single(r => (string)r["lastname"]! == "Wang").GetAttributeValue<AliasedValue>("account1.name").Value);
    }

    [TestMethod]
    public void An_inner_link_to_many_rows_returns_one_row_per_match_and_link_criteria_filter_them()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("lastname") };
        var orders = query.AddLink("salesorder", "contactid", "customerid");
        orders.EntityAlias = "o";
        orders.Columns = new ColumnSet("totalamount");
        orders.Orders.Add(new OrderExpression("totalamount", OrderType.Descending));

        var all = service.RetrieveMultiple(query).Entities;
        orders.LinkCriteria.AddCondition("totalamount", ConditionOperator.GreaterThan, 70m);
        var big = service.RetrieveMultiple(query).Entities;

        Assert.HasCount(3, all);
        CollectionAssert.AreEqual(new object[] { 250m, 100m }, big.Select(r => ((Money)r.GetAttributeValue<AliasedValue>("o.totalamount").Value!).Value).Cast<object>().ToArray());
    }

    [TestMethod]
    public void A_condition_on_a_link_alias_in_the_main_criteria_filters_on_the_linked_row()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact");
        query.AddLink("account", "parentcustomerid", "accountid", JoinOperator.LeftOuter).EntityAlias = "acct";
        var filter = query.Criteria.AddFilter(LogicalOperator.Or);
        filter.AddCondition("acct", "name", ConditionOperator.Equal, "Lotus Spa");
        filter.AddCondition("acct", "accountid", ConditionOperator.Null);
        query.AddOrder("lastname", OrderType.Ascending);

        CollectionAssert.AreEqual(new[] { "Chen", "Li", "Zhang" }, Names(service, query));
    }

    [TestMethod]
    public void Links_can_be_nested()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("salesorder") { ColumnSet = new ColumnSet("totalamount") };
        var contact = query.AddLink("contact", "customerid", "contactid");
        contact.EntityAlias = "c";
        var account = contact.AddLink("account", "parentcustomerid", "accountid");
        account.EntityAlias = "a";
        account.Columns = new ColumnSet("name");
        account.LinkCriteria.AddCondition("name", ConditionOperator.Equal, "Jade Clinic");

        var rows = service.RetrieveMultiple(query).Entities;

        Assert.AreEqual(60m, rows.Single().GetAttributeValue<Money>("totalamount").Value);
        Assert.AreEqual("Jade Clinic", rows.Single().GetAttributeValue<AliasedValue>("a.name").Value);
    }

    [TestMethod]
    public void Orders_apply_in_sequence_with_empty_values_first_when_ascending()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact");
        query.AddOrder("rx_lifecyclestage", OrderType.Ascending);
        query.AddOrder("rx_visits", OrderType.Descending);

        CollectionAssert.AreEqual(new[] { "Zhang", "Chen", "chang", "Wang", "Li" }, Names(service, query));
    }

    [TestMethod]
    public void Orders_on_a_link_sort_by_the_linked_column()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact");
        var account = query.AddLink("account", "parentcustomerid", "accountid");
        account.Orders.Add(new OrderExpression("name", OrderType.Ascending));
        query.AddOrder("lastname", OrderType.Descending);

        // Orders of the main table first, then the link's: lastname desc decides everything here.
        CollectionAssert.AreEqual(new[] { "Wang", "Li", "Chen", "chang" }, Names(service, query));

        var byAccount = new QueryExpression("contact");
        var link = byAccount.AddLink("account", "parentcustomerid", "accountid");
        link.Orders.Add(new OrderExpression("name", OrderType.Ascending));
        var names = Names(service, byAccount);
        CollectionAssert.AreEquivalent(new[] { "chang", "Wang" }, names.Take(2).ToArray(), "Jade Clinic sorts before Lotus Spa");
    }

    [TestMethod]
    public void TopCount_limits_the_rows()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact") { TopCount = 2 };
        query.AddOrder("rx_visits", OrderType.Descending);

        var result = service.RetrieveMultiple(query);

        CollectionAssert.AreEqual(new[] { "Chen", "Wang" }, Names(service, query));
        Assert.IsFalse(result.MoreRecords);
    }

    [TestMethod]
    public void TopCount_and_paging_together_are_refused()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact") { TopCount = 2, PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };

        Faults.Expect(() => service.RetrieveMultiple(query), DataverseErrorCodes.InvalidArgument);
    }

    [TestMethod]
    public void Paging_with_the_cookie_returns_every_row_once_over_three_pages()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        for (var i = 0; i < 7; i++)
        {
            // Every row ties on the requested order: only the primary key keeps pages apart.
            service.Create(new Entity("contact") { ["lastname"] = "Same", ["rx_index"] = i });
        }

        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("rx_index"), PageInfo = new PagingInfo { Count = 3, PageNumber = 1 } };
        query.AddOrder("lastname", OrderType.Ascending);
        var seen = new List<int>();
        var pages = new List<(int Count, bool More, string? Cookie)>();
        while (true)
        {
            var page = service.RetrieveMultiple(query);
            pages.Add((page.Entities.Count, page.MoreRecords, page.PagingCookie));
            seen.AddRange(page.Entities.Select(e => e.GetAttributeValue<int>("rx_index")));
            if (!page.MoreRecords)
            {
                break;
            }

            query.PageInfo.PageNumber++;
            query.PageInfo.PagingCookie = page.PagingCookie;
        }

        CollectionAssert.AreEqual(new[] { 3, 3, 1 }, pages.Select(p => p.Count).ToArray());
        CollectionAssert.AreEqual(new[] { true, true, false }, pages.Select(p => p.More).ToArray());
        CollectionAssert.AreEquivalent(Enumerable.Range(0, 7).ToArray(), seen.ToArray());
        StringAssert.Matches(pages[0].Cookie, new System.Text.RegularExpressions.Regex(@"^<cookie page=""1""><contactid last=""\{[0-9A-F-]{36}\}"" first=""\{[0-9A-F-]{36}\}"" /></cookie>$"));
    }

    [TestMethod]
    public void The_paging_cookie_continues_after_the_last_row_even_when_rows_were_added_before_it()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        for (var i = 0; i < 4; i++)
        {
            service.Create(new Entity("contact") { ["rx_index"] = i * 10 });
        }

        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("rx_index"), PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } };
        query.AddOrder("rx_index", OrderType.Ascending);
        var first = service.RetrieveMultiple(query);
        service.Create(new Entity("contact") { ["rx_index"] = -5 });
        query.PageInfo.PageNumber = 2;
        query.PageInfo.PagingCookie = first.PagingCookie;

        var second = service.RetrieveMultiple(query);

        CollectionAssert.AreEqual(new[] { 20, 30 }, second.Entities.Select(e => e.GetAttributeValue<int>("rx_index")).ToArray());
    }

    [TestMethod]
    public void ReturnTotalRecordCount_reports_the_total_and_otherwise_it_is_minus_one()
    {
        var (_, service, _) = Seed();

        var counted = service.RetrieveMultiple(new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 1, ReturnTotalRecordCount = true } });
        var uncounted = service.RetrieveMultiple(new QueryExpression("contact") { PageInfo = new PagingInfo { Count = 2, PageNumber = 1 } });

        Assert.AreEqual(5, counted.TotalRecordCount);
        Assert.HasCount(2, counted.Entities);
        Assert.AreEqual(-1, uncounted.TotalRecordCount);
    }

    [TestMethod]
    public void Distinct_removes_duplicate_rows()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact") { ColumnSet = new ColumnSet("rx_lifecyclestage"), Distinct = true };
        query.Criteria.AddCondition("rx_lifecyclestage", ConditionOperator.NotNull);

        var stages = service.RetrieveMultiple(query).Entities.Select(e => e.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value).ToArray();

        CollectionAssert.AreEquivalent(new[] { 3, 4, 5 }, stages);
    }

    [TestMethod]
    public void QueryByAttribute_matches_every_attribute_value_pair()
    {
        var (_, service, _) = Seed();
        var query = new QueryByAttribute("contact") { ColumnSet = new ColumnSet("lastname") };
        query.AddAttributeValue("rx_lifecyclestage", 3);
        query.AddAttributeValue("parentcustomerid", AccountA);

        var rows = service.RetrieveMultiple(query).Entities;

        Assert.AreEqual("Chen", rows.Single()["lastname"]);
    }

    [TestMethod]
    public void An_operator_LocalOrganization_does_not_implement_fails_naming_it()
    {
        var (_, service, _) = Seed();
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition("rx_lastpurchaseon", ConditionOperator.ThisFiscalYear);

        var fault = Faults.Expect(() => service.RetrieveMultiple(query), DataverseErrorCodes.NotSupported);

        StringAssert.Contains(fault.Message, "ThisFiscalYear");
    }

    [TestMethod]
    public void Equal_lookups_stay_correct_after_rows_change_and_after_a_rollback()
    {
        var (org, service, ids) = Seed();
        var byAccount = new QueryExpression("contact");
        byAccount.Criteria.AddCondition("parentcustomerid", ConditionOperator.Equal, AccountA);
        Assert.HasCount(2, service.RetrieveMultiple(byAccount).Entities);

        service.Update(new Entity("contact", ids["Li"]) { ["parentcustomerid"] = new EntityReference("account", AccountB) });
        Assert.HasCount(1, service.RetrieveMultiple(byAccount).Entities);

        org.Step("Update", "contact", 40, _ => throw new InvalidPluginExecutionException("no"));
        Faults.Expect(() => service.Update(new Entity("contact", ids["Wang"]) { ["parentcustomerid"] = new EntityReference("account", AccountA) }), DataverseErrorCodes.IsvAborted);
        Assert.HasCount(1, service.RetrieveMultiple(byAccount).Entities);

        service.Delete("contact", ids["Chen"]);
        Assert.IsEmpty(service.RetrieveMultiple(byAccount).Entities);
    }

    [TestMethod]
    public void A_lookup_or_number_compared_with_text_matches_as_SQL_converts_it()
    {
        var (_, service, _) = Seed();

        CollectionAssert.AreEqual(new[] { "chang", "Wang" }, Where(service, "parentcustomerid", ConditionOperator.Equal, AccountB.ToString()));
        CollectionAssert.AreEqual(new[] { "Wang" }, Where(service, "rx_visits", ConditionOperator.Equal, "3"));
    }

    [TestMethod]
    public void A_date_without_a_kind_names_that_calendar_date_in_the_organisation_time_zone()
    {
        var newYork = TimeZoneInfo.CreateCustomTimeZone("UTC-5", TimeSpan.FromHours(-5), "UTC-5", "UTC-5");
        var org = new LocalOrganization(new LocalOrganizationOptions { Clock = () => TestOrg.Now, TimeZone = newYork });
        var service = org.CreateOrganizationService(null);
        // 2026-03-02 03:00 UTC is still 2026-03-01 22:00 in UTC-5.
        service.Create(new Entity("contact") { ["rx_lastpurchaseon"] = new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc) });
        var query = new QueryExpression("contact");
        query.Criteria.AddCondition("rx_lastpurchaseon", ConditionOperator.On, new DateTime(2026, 3, 1));

        Assert.HasCount(1, service.RetrieveMultiple(query).Entities);
    }
}
