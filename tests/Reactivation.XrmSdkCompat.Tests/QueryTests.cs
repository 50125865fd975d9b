using Microsoft.Xrm.Sdk.Query;

namespace Reactivation.XrmSdkCompat.Tests;

[TestClass]
public sealed class QueryTests
{
    [TestMethod]
    public void A_new_QueryExpression_has_criteria_first_page_paging_and_no_columns()
    {
        var query = new QueryExpression("contact");

        Assert.AreEqual("contact", query.EntityName);
        Assert.IsNotNull(query.Criteria);
        Assert.AreEqual(LogicalOperator.And, query.Criteria.FilterOperator);
        Assert.IsNotNull(query.PageInfo);
        Assert.IsNotNull(query.ColumnSet);
        Assert.IsFalse(query.ColumnSet.AllColumns);
        Assert.IsEmpty(query.ColumnSet.Columns);
        Assert.IsEmpty(query.LinkEntities);
        Assert.IsEmpty(query.Orders);
        Assert.IsNull(query.TopCount);
    }

    [TestMethod]
    public void QueryByAttribute_with_a_table_name_leaves_ColumnSet_and_PageInfo_null()
    {
        var byName = new QueryByAttribute("contact");
        var empty = new QueryByAttribute();

        Assert.AreEqual("contact", byName.EntityName);
        Assert.IsNull(byName.ColumnSet);
        Assert.IsNull(byName.PageInfo);
        Assert.IsNotNull(empty.ColumnSet);
        Assert.IsNotNull(empty.PageInfo);
    }

    [TestMethod]
    public void QueryByAttribute_pairs_each_attribute_with_its_value()
    {
        var query = new QueryByAttribute("contact");
        query.AddAttributeValue("statecode", 0);
        query.AddAttributeValue("rx_lifecyclestage", 100000003);
        query.AddOrder("lastname", OrderType.Descending);

        CollectionAssert.AreEqual(new[] { "statecode", "rx_lifecyclestage" }, query.Attributes.ToArray());
        CollectionAssert.AreEqual(new object[] { 0, 100000003 }, query.Values.ToArray());
        Assert.AreEqual(OrderType.Descending, query.Orders[0].OrderType);
    }

    [TestMethod]
    public void ColumnSet_with_names_lists_them_and_ColumnSet_true_means_all_columns()
    {
        var some = new ColumnSet("fullname", "emailaddress1");
        some.AddColumn("rx_lifecyclestage");
        some.AddColumns("rx_lastpurchaseon", "rx_purchasecount");

        CollectionAssert.AreEqual(
            new[] { "fullname", "emailaddress1", "rx_lifecyclestage", "rx_lastpurchaseon", "rx_purchasecount" },
            some.Columns.ToArray());
        Assert.IsFalse(some.AllColumns);
        Assert.IsTrue(new ColumnSet(true).AllColumns);
        Assert.IsEmpty(new ColumnSet(true).Columns);
    }

    [TestMethod]
    public void AddCondition_puts_the_params_values_in_Values()
    {
        var filter = new FilterExpression();
        filter.AddCondition("statecode", ConditionOperator.Equal, 0);
        filter.AddCondition("rx_lifecyclestage", ConditionOperator.In, 1, 2, 3);
        filter.AddCondition("salesorder", "totalamount", ConditionOperator.GreaterThan, 100m);
        filter.AddCondition("emailaddress1", ConditionOperator.NotNull);

        Assert.HasCount(4, filter.Conditions);
        CollectionAssert.AreEqual(new object[] { 0 }, filter.Conditions[0].Values.ToArray());
        CollectionAssert.AreEqual(new object[] { 1, 2, 3 }, filter.Conditions[1].Values.ToArray());
        Assert.AreEqual("salesorder", filter.Conditions[2].EntityName);
        Assert.IsEmpty(filter.Conditions[3].Values);
        Assert.IsFalse(filter.Conditions[0].CompareColumns);
    }

    [TestMethod]
    public void A_column_comparison_condition_keeps_the_other_column_name_as_its_value()
    {
        var filter = new FilterExpression();
        filter.AddCondition("modifiedon", ConditionOperator.GreaterThan, true, "rx_lastevaluatedon");

        var condition = filter.Conditions[0];
        Assert.IsTrue(condition.CompareColumns);
        CollectionAssert.AreEqual(new object[] { "rx_lastevaluatedon" }, condition.Values.ToArray());
    }

    [TestMethod]
    public void A_ConditionExpression_built_from_an_int_array_expands_it_into_Values()
    {
        var fromCollection = new ConditionExpression("rx_lifecyclestage", ConditionOperator.In, new[] { 1, 2, 3 });
        var single = new ConditionExpression("statecode", ConditionOperator.Equal, 0);
        var none = new ConditionExpression("emailaddress1", ConditionOperator.Null);

        CollectionAssert.AreEqual(new object[] { 1, 2, 3 }, fromCollection.Values.ToArray());
        CollectionAssert.AreEqual(new object[] { 0 }, single.Values.ToArray());
        Assert.IsEmpty(none.Values);
        Assert.AreEqual(ConditionOperator.Null, none.Operator);
    }

    [TestMethod]
    public void AddFilter_with_an_operator_returns_the_new_child_filter()
    {
        var query = new QueryExpression("contact");
        var either = query.Criteria.AddFilter(LogicalOperator.Or);
        either.AddCondition("rx_lifecyclestage", ConditionOperator.Equal, 4);
        either.AddCondition("rx_lifecyclestage", ConditionOperator.Equal, 5);
        query.Criteria.AddFilter(new FilterExpression(LogicalOperator.And));

        Assert.HasCount(2, query.Criteria.Filters);
        Assert.AreSame(either, query.Criteria.Filters[0]);
        Assert.AreEqual(LogicalOperator.Or, either.FilterOperator);
    }

    [TestMethod]
    public void AddLink_joins_from_the_query_table_with_an_inner_join_by_default()
    {
        var query = new QueryExpression("contact");
        var orders = query.AddLink("salesorder", "contactid", "customerid");
        var lines = orders.AddLink("salesorderdetail", "salesorderid", "salesorderid", JoinOperator.LeftOuter);

        Assert.AreSame(orders, query.LinkEntities[0]);
        Assert.AreEqual("contact", orders.LinkFromEntityName);
        Assert.AreEqual("salesorder", orders.LinkToEntityName);
        Assert.AreEqual("contactid", orders.LinkFromAttributeName);
        Assert.AreEqual("customerid", orders.LinkToAttributeName);
        Assert.AreEqual(JoinOperator.Inner, orders.JoinOperator);
        Assert.IsNotNull(orders.LinkCriteria);
        Assert.IsNotNull(orders.Columns);
        Assert.AreEqual("salesorder", lines.LinkFromEntityName);
        Assert.AreEqual(JoinOperator.LeftOuter, lines.JoinOperator);
    }

    [TestMethod]
    public void AddOrder_appends_an_OrderExpression()
    {
        var query = new QueryExpression("salesorder");
        query.AddOrder("createdon", OrderType.Descending);
        query.AddOrder("fullname", OrderType.Ascending, "customer", "contact");

        Assert.AreEqual("createdon", query.Orders[0].AttributeName);
        Assert.AreEqual(OrderType.Descending, query.Orders[0].OrderType);
        Assert.AreEqual("customer", query.Orders[1].Alias);
        Assert.AreEqual("contact", query.Orders[1].EntityName);
    }

    [TestMethod]
    public void ConditionOperator_values_follow_the_real_order()
    {
        (string Name, int Value)[] wellKnown =
        [
            ("Equal", 0), ("In", 8), ("Null", 12), ("LastXDays", 33), ("OlderThanXMonths", 53),
            ("BeginsWith", 54), ("ContainValues", 87), ("DoesNotContainValues", 88),
        ];

        Assert.HasCount(89, Enum.GetValues<ConditionOperator>());
        foreach (var (name, value) in wellKnown)
        {
            Assert.AreEqual(value, (int)Enum.Parse<ConditionOperator>(name), name);
        }

        Assert.AreEqual(9, (int)Enum.Parse<JoinOperator>("NotAll"));
    }
}
