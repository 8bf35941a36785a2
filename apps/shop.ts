import { Chart, ChartProps } from 'cdk8s';
import { Construct } from 'constructs';
import { chartProps, example } from '../docs/examples/shop';

/** The whole-application example of docs/shop.md, in namespace `store`. */
export class ShopExample extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { ...chartProps, ...props });
    example(this);
  }
}
