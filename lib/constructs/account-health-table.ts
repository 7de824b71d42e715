import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { GLOBAL_INDEXES, TABLE_KEY, TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-design.ts';

/**
 * The single table, shaped by functions/adapters/dynamodb/table-design.ts (the same module the local
 * runtime creates its table from). It holds the customers' data, so it outlives the stack: RETAIN,
 * deletion protection and point-in-time recovery.
 */
export class AccountHealthTable extends Construct {
  readonly table: Table;
  /** ARNs of the table's indexes, named one by one so grants need no `index/*` wildcard. */
  readonly indexArns: string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'table', {
      partitionKey: { name: TABLE_KEY.partition, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEY.sort, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // The AWS managed key (aws/dynamodb): key use shows in CloudTrail, no key to manage or pay for.
      // A customer managed key would add $1/month and a key policy to get right, for no gain here.
      encryption: TableEncryption.AWS_MANAGED,
    });
    for (const index of GLOBAL_INDEXES) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partition, type: AttributeType.STRING },
        sortKey: { name: index.sort, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
    this.indexArns = GLOBAL_INDEXES.map((index) => `${this.table.tableArn}/index/${index.name}`);
  }
}
