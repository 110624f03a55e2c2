import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';

export type TDetailItem = {
  /** Stable React key for the row. */
  id: string;
  label: ReactNode;
  value: ReactNode;
};

export type TDetailListProps = {
  items: TDetailItem[];
  labelWidth?: number | string;
};

/** Label and value pairs read top to bottom, with hairline dividers. */
export function DetailList({ items, labelWidth = 150 }: TDetailListProps) {
  return (
    <DataList withDivider gap="sm" labelWidth={labelWidth}>
      {items.map((item) => (
        <DataList.Item key={item.id}>
          <DataList.ItemLabel c="dimmed">{item.label}</DataList.ItemLabel>
          <DataList.ItemValue>{item.value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
